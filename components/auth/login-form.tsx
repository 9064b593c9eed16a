"use client";

import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { afterLoginTarget } from "@/lib/auth/redirect-target";
import { fetchMe } from "@/lib/client/use-account";
import { Button, FormMessage, TextField } from "./form-controls";

/** next-auth's `error` values (see lib/auth/login.ts) → message keys. */
const errorKeys: Record<string, string> = {
  CredentialsSignin: "invalid",
  rate_limited: "rateLimited",
  account_disabled: "disabled",
  busy: "busy",
};

export function LoginForm({ callbackUrl }: { callbackUrl: string | null }) {
  const t = useTranslations("auth.login");
  const locale = useLocale();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? "").trim(),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!result || result.error || !result.ok) {
        setError(errorKeys[result?.error ?? ""] ?? "generic");
        setPending(false);
        return;
      }
      const me = await fetchMe().catch(() => null);
      // A full load renders everything for the new session; Back should not return to the form.
      window.location.replace(afterLoginTarget(callbackUrl, locale, me?.locale));
    } catch {
      setError("generic");
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="login-form" aria-busy={pending}>
      {error ? (
        <FormMessage kind="error" testId="login-error">
          {t(`errors.${error}`)}
        </FormMessage>
      ) : null}
      <TextField label={t("email")} name="email" type="email" autoComplete="username" required autoFocus data-testid="login-email" />
      <TextField
        label={t("password")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        data-testid="login-password"
      />
      <Button type="submit" disabled={pending} className="w-full" data-testid="login-submit">
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
