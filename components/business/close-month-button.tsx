"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { Button } from "@/components/auth/form-controls";
import { closeMonth } from "@/lib/client/use-reports";

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
      await closeMonth(year, month);
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
