"use client";

import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import { Button } from "@/components/auth/form-controls";

type Permission = NotificationPermission | "unsupported" | "unknown";

/** The browser announces no permission changes to pages; a click re-renders through state instead. */
const subscribeNever = () => () => undefined;

/** Asks the browser for permission to show desktop notifications of new alerts (only on a click, as browsers require). */
export function NotificationPermissionButton() {
  const t = useTranslations("alertsUi.notifications");
  const [, setAnswered] = useState<NotificationPermission | null>(null);
  const permission = useSyncExternalStore<Permission>(
    subscribeNever,
    () => (typeof Notification === "undefined" ? "unsupported" : Notification.permission),
    () => "unknown",
  );
  if (permission === "unknown") return null;
  if (permission !== "default") {
    return <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="notifications-state">{t(permission)}</p>;
  }
  return (
    <Button
      variant="secondary"
      data-testid="notifications-allow"
      onClick={() => void Notification.requestPermission().then(setAnswered)}
    >
      {t("allow")}
    </Button>
  );
}
