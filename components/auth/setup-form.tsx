"use client";

import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { createFirstUser } from "@/lib/client/use-account";
import { Button, FormMessage, TextField } from "./form-controls";
import { useErrorMessage } from "./use-error-message";

/** Creates the first admin through POST /api/setup, then signs in as them. */
export function SetupForm() {
  const t = useTranslations("auth.setup");
  const locale = useLocale();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (password !== form.get("passwordConfirm")) {
      setError(t("mismatch"));
      return;
    }
    setPending(true);
    setError(null);
    try {
      await createFirstUser({ email, name: String(form.get("name") ?? "").trim(), password });
      await signIn("credentials", { email, password, redirect: false });
      // The setup page is done for good: replace it in the history.
      window.location.replace(`/${locale}`);
    } catch (err) {
      setError(errorMessage(err));
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="setup-form" aria-busy={pending}>
      {error ? (
        <FormMessage kind="error" testId="setup-error">
          {error}
        </FormMessage>
      ) : null}
      <TextField label={t("name")} name="name" autoComplete="name" required maxLength={100} autoFocus data-testid="setup-name" />
      <TextField label={t("email")} name="email" type="email" autoComplete="username" required maxLength={254} data-testid="setup-email" />
      <TextField
        label={t("password")}
        hint={t("passwordHint")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        data-testid="setup-password"
      />
      <TextField
        label={t("passwordConfirm")}
        name="passwordConfirm"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        data-testid="setup-password-confirm"
      />
      <Button type="submit" disabled={pending} className="w-full" data-testid="setup-submit">
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
