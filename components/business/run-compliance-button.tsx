"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { apiFetch } from "@/components/auth/api-client";
import { Button } from "@/components/auth/form-controls";

export function RunComplianceButton({ label }: { label: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      await apiFetch("/api/audit/compliance", z.object({ result: z.object({ ok: z.boolean() }).loose() }), { method: "POST" });
      router.refresh();
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button variant="secondary" onClick={run} disabled={busy} data-testid="run-compliance">
      {label}
    </Button>
  );
}
