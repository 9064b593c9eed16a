"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, FormMessage, SelectField, TextField } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { usePathname, useRouter } from "@/i18n/navigation";
import { routing } from "@/i18n/routing";
import type { UserDto } from "@/lib/auth/schemas";
import { updateMe } from "@/lib/client/use-account";
import { Section } from "./section";

type Notice = { kind: "error" | "success"; text: string } | null;

/** Own name and preferred language; and the password, which needs the current one. */
export function ProfileForm({ user }: { user: UserDto }) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <DetailsForm user={user} />
      <PasswordForm email={user.email} />
    </div>
  );
}

function DetailsForm({ user }: { user: UserDto }) {
  const t = useTranslations("settings.profile");
  const tSettings = useTranslations("settings");
  const tCommon = useTranslations("common");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const pathname = usePathname();
  const [notice, setNotice] = useState<Notice>(null);
  const [pending, setPending] = useState(false);

  return (
    <Section title={t("detailsHeading")} testId="profile-details">
      <form
        className="space-y-4"
        data-testid="profile-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const locale = routing.locales.find((l) => l === form.get("locale")) ?? null;
          setPending(true);
          setNotice(null);
          try {
            await updateMe({ name: String(form.get("name") ?? "").trim(), locale });
            setNotice({ kind: "success", text: tSettings("saved") });
            // Shows the new name in the header; switches language when one was chosen.
            if (locale) router.replace(pathname, { locale });
            router.refresh();
          } catch (error) {
            setNotice({ kind: "error", text: errorMessage(error) });
          } finally {
            setPending(false);
          }
        }}
      >
        {notice ? (
          <FormMessage kind={notice.kind} testId="profile-notice">
            {notice.text}
          </FormMessage>
        ) : null}
        <TextField label={t("name")} name="name" defaultValue={user.name} required maxLength={100} autoComplete="name" data-testid="profile-name" />
        <TextField label={t("email")} hint={t("emailHint")} value={user.email} readOnly disabled />
        <TextField label={t("role")} value={tCommon(`roles.${user.role}`)} readOnly disabled />
        <SelectField
          label={t("language")}
          hint={t("languageHint")}
          name="locale"
          defaultValue={user.locale ?? ""}
          data-testid="profile-locale"
          options={[
            { value: "", label: t("languageNone") },
            ...routing.locales.map((l) => ({ value: l, label: tCommon(`languages.${l}`) })),
          ]}
        />
        <Button type="submit" disabled={pending} data-testid="profile-submit">
          {pending ? tSettings("saving") : tSettings("save")}
        </Button>
      </form>
    </Section>
  );
}

function PasswordForm({ email }: { email: string }) {
  const t = useTranslations("settings.profile");
  const tSettings = useTranslations("settings");
  const errorMessage = useErrorMessage();
  const [notice, setNotice] = useState<Notice>(null);
  const [pending, setPending] = useState(false);

  return (
    <Section title={t("passwordHeading")} testId="profile-password">
      <form
        className="space-y-4"
        data-testid="password-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const formElement = event.currentTarget;
          const form = new FormData(formElement);
          const newPassword = String(form.get("newPassword") ?? "");
          if (newPassword !== form.get("confirmPassword")) {
            setNotice({ kind: "error", text: t("mismatch") });
            return;
          }
          setPending(true);
          setNotice(null);
          try {
            await updateMe({ currentPassword: String(form.get("currentPassword") ?? ""), newPassword });
            // The change ended every session, this one too: sign in again with the new password.
            await signIn("credentials", { email, password: newPassword, redirect: false });
            formElement.reset();
            setNotice({ kind: "success", text: t("passwordChanged") });
          } catch (error) {
            setNotice({ kind: "error", text: errorMessage(error) });
          } finally {
            setPending(false);
          }
        }}
      >
        {notice ? (
          <FormMessage kind={notice.kind} testId="password-notice">
            {notice.text}
          </FormMessage>
        ) : null}
        <TextField
          label={t("currentPassword")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          data-testid="password-current"
        />
        <TextField
          label={t("newPassword")}
          hint={t("newPasswordHint")}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          data-testid="password-new"
        />
        <TextField
          label={t("confirmPassword")}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          data-testid="password-confirm"
        />
        <Button type="submit" disabled={pending} data-testid="password-submit">
          {pending ? tSettings("saving") : t("changePassword")}
        </Button>
      </form>
    </Section>
  );
}
