"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { Icon } from "@/components/shell/icons";
import { Link } from "@/i18n/navigation";
import type { AlertView } from "@/lib/alerts/schemas";
import { findOpenAlert } from "@/lib/client/use-alerts";
import { useLiveEvent } from "@/lib/client/use-live";
import { useAlertText } from "./alert-text";
import { severityStyle } from "./severity-badge";

const TOAST_MS = 15_000;
const MAX_TOASTS = 4;

/**
 * Shows every alert raised while the app is open, on any page: a toast in the corner
 * and, when the user allowed it, a desktop notification. Mounted once in the app shell.
 */
export function AlertToaster() {
  const t = useTranslations("alertsUi");
  const text = useAlertText();
  const [toasts, setToasts] = useState<AlertView[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: string) => {
    setToasts((list) => list.filter((a) => a.id !== id));
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((timer) => clearTimeout(timer));
  }, []);

  useLiveEvent("alert.raised", (event) => {
    void findOpenAlert(event.payload.alertId)
      .then((alert) => {
        if (!alert) return;
        setToasts((list) => [alert, ...list.filter((a) => a.id !== alert.id)].slice(0, MAX_TOASTS));
        timers.current.set(alert.id, setTimeout(() => dismiss(alert.id), TOAST_MS));
        if (typeof Notification !== "undefined" && Notification.permission === "granted") {
          const { title, message } = text(alert);
          new Notification(title, { body: message, tag: alert.id });
        }
      })
      .catch(() => undefined);
  });

  return (
    <div aria-live="polite" aria-relevant="additions" className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-[min(24rem,calc(100vw-2rem))] flex-col gap-2">
      {toasts.map((alert) => {
        const { title, message } = text(alert);
        return (
          <div
            key={alert.id}
            data-testid="alert-toast"
            data-alert-type={alert.type}
            className={`pointer-events-auto rounded-lg border border-l-4 border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900 ${severityStyle[alert.severity].border}`}
          >
            <div className="flex items-start gap-2">
              <Icon name={severityStyle[alert.severity].icon} className="mt-0.5 h-5 w-5 shrink-0" />
              <div className="min-w-0 flex-1">
                <p className="font-semibold">{title}</p>
                <p className="mt-0.5 text-sm">{message}</p>
                <Link href="/alerts" className="mt-1 inline-block text-sm text-brand-700 underline dark:text-brand-100">
                  {t("toastOpen")}
                </Link>
              </div>
              <button
                type="button"
                onClick={() => dismiss(alert.id)}
                className="rounded p-1 hover:bg-slate-100 dark:hover:bg-slate-800"
                aria-label={t("toastDismiss")}
              >
                <Icon name="cross" />
              </button>
            </div>
          </div>
        );
      })}
    </div>
  );
}
