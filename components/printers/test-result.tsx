"use client";

import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/auth/form-controls";
import type { ConnectionTestResult } from "@/lib/printers/schemas";
import { usePrinterErrorText } from "./printer-error-text";

/** The outcome of a connection test, naming the stage that failed in words. */
export function TestResult({ result, pending }: { result: ConnectionTestResult | null; pending: boolean }) {
  const t = useTranslations("printers.test");
  const errorText = usePrinterErrorText();
  if (pending) return <FormMessage kind="success" testId="test-result">{t("pending")}</FormMessage>;
  if (!result) return null;
  if (result.ok) {
    return (
      <FormMessage kind="success" testId="test-result">
        {t("ok")}
        {result.firmware ? ` ${t("firmware", { firmware: result.firmware })}` : ""}
      </FormMessage>
    );
  }
  return (
    <FormMessage kind="error" testId="test-result">
      <strong>{t("failedAt", { stage: t.has(`stages.${result.stage}`) ? t(`stages.${result.stage}`) : result.stage })}</strong>{" "}
      {errorText(result.message)}
      {result.detail ? <span className="mt-1 block font-mono text-xs">{result.detail}</span> : null}
    </FormMessage>
  );
}
