"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/auth/form-controls";
import { runComplianceCheck } from "@/lib/client/use-business-settings";

export function RunComplianceButton({ label }: { label: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      await runComplianceCheck();
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
