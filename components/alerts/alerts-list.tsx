"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, FormMessage } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { Link, useRouter } from "@/i18n/navigation";
import type { AlertView } from "@/lib/alerts/schemas";
import { acknowledgeAlert } from "@/lib/client/use-alerts";
import { useFormat } from "@/lib/format/use-format";
import { useAlertText } from "./alert-text";
import { SeverityBadge, severityStyle } from "./severity-badge";

/** Alerts as a list of cards; staff can acknowledge the ones nobody has acknowledged yet. */
export function AlertsList({ alerts, canAcknowledge }: { alerts: AlertView[]; canAcknowledge: boolean }) {
  const t = useTranslations("alertsUi");
  const f = useFormat();
  const text = useAlertText();
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const acknowledge = async (id: string) => {
    setBusy(id);
    setError(null);
    try {
      await acknowledgeAlert(id);
      router.refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  if (alerts.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="alerts-empty">{t("empty")}</p>;
  return (
    <>
      {error ? <div className="mb-3"><FormMessage kind="error">{error}</FormMessage></div> : null}
      <ul className="space-y-3" data-testid="alerts-list">
        {alerts.map((alert) => {
          const { title, message } = text(alert);
          return (
            <li
              key={alert.id}
              data-testid="alert-item"
              data-alert-type={alert.type}
              data-acknowledged={alert.acknowledgedAt !== null}
              className={`rounded-xl border border-l-4 border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900 ${severityStyle[alert.severity].border}`}
            >
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <h2 className="flex flex-wrap items-center gap-2 font-semibold">
                    <SeverityBadge severity={alert.severity} />
                    {title}
                  </h2>
                  <p className="mt-1 text-sm">{message}</p>
                  <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
                    {alert.printerId ? (
                      <>
                        <Link href={`/printers/${alert.printerId}`} className="hover:underline">
                          {alert.printerName}
                        </Link>
                        {" · "}
                      </>
                    ) : alert.type === "low_stock" ? (
                      <>
                        <Link href="/materials" className="hover:underline">
                          {t("materials")}
                        </Link>
                        {" · "}
                      </>
                    ) : null}
                    {t("raisedAt", { time: f.dateTime(alert.createdAt) })}
                    {alert.resolvedAt ? ` · ${t("resolvedAt", { time: f.dateTime(alert.resolvedAt) })}` : ""}
                    {alert.acknowledgedAt ? ` · ${t("acknowledgedAt", { time: f.dateTime(alert.acknowledgedAt) })}` : ""}
                  </p>
                </div>
                {canAcknowledge && !alert.acknowledgedAt ? (
                  <Button variant="secondary" disabled={busy === alert.id} onClick={() => void acknowledge(alert.id)} data-testid="alert-acknowledge">
                    {t("acknowledge")}
                  </Button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
