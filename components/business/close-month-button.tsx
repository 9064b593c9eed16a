"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { apiFetch } from "@/components/auth/api-client";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { Button } from "@/components/auth/form-controls";

/** Admin action: close a Berlin month so its costs become final (GoBD). */
export function CloseMonthButton({ year, month, label }: { year: number; month: number; label: string }) {
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function close() {
    setBusy(true);
    setError(null);
    try {
      await apiFetch("/api/reports/months", z.object({ year: z.number(), month: z.number() }), { method: "POST", body: { year, month } });
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" onClick={close} disabled={busy} data-testid="close-month">
        {label}
      </Button>
      {error ? <span role="status" className="text-xs text-red-700">{error}</span> : null}
    </span>
  );
}
