"use client";

import { signOut } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";

/**
 * Ends the session and goes to the login page of the current language. The server moves
 * the user's session version on (lib/auth/sessions.ts), so every session of the user ends,
 * on this device and all others; `everywhere` only says so on the button.
 */
export function LogoutButton({ everywhere = false }: { everywhere?: boolean }) {
  const t = useTranslations("auth");
  const locale = useLocale();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      data-testid={everywhere ? "logout-everywhere-button" : "logout-button"}
      disabled={pending}
      onClick={async () => {
        setPending(true);
        try {
          await signOut({ redirect: false });
        } finally {
          // A full load drops everything the page held in memory, and replacing the entry
          // keeps Back from showing the signed-in page again on a shared computer.
          window.location.replace(`/${locale}/login`);
        }
      }}
      className="rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
    >
      {pending ? t("loggingOut") : everywhere ? t("logoutEverywhere") : t("logout")}
    </button>
  );
}
