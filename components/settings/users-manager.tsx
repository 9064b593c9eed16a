"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, FormMessage, SelectField, TextField } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { ConfirmDialog } from "@/components/printers/confirm-dialog";
import { roles, type Role } from "@/lib/auth/permissions";
import type { UserDto } from "@/lib/auth/schemas";
import { createUser, eraseUser, updateUser, useUsers } from "@/lib/client/use-users";
import { Section } from "./section";

type Notice = { kind: "error" | "success"; text: string } | null;

/** Admin view of all users: add, change role, disable/enable, set a new password, erase a person (DSGVO). */
export function UsersManager({ initialUsers, currentUserId }: { initialUsers: UserDto[]; currentUserId: string }) {
  const t = useTranslations("settings.users");
  const tRoles = useTranslations("common.roles");
  const errorMessage = useErrorMessage();
  const { users, revalidate } = useUsers(initialUsers);
  const [notice, setNotice] = useState<Notice>(null);
  const roleOptions = roles.map((role) => ({ value: role, label: tRoles(role) }));

  async function update(user: UserDto, patch: { role?: Role; disabled?: boolean; password?: string }, success?: string) {
    setNotice(null);
    try {
      await updateUser(user.id, patch);
      if (success) setNotice({ kind: "success", text: success });
      return true;
    } catch (error) {
      setNotice({ kind: "error", text: errorMessage(error) });
      return false;
    } finally {
      await revalidate();
    }
  }

  async function erase(user: UserDto) {
    setNotice(null);
    try {
      const { pseudonym } = await eraseUser(user.id);
      setNotice({ kind: "success", text: t("erased", { name: user.name, pseudonym }) });
    } catch (error) {
      setNotice({ kind: "error", text: errorMessage(error) });
    } finally {
      await revalidate();
    }
  }

  return (
    <div className="space-y-6">
      <CreateUserForm
        roleOptions={roleOptions}
        onCreated={async (user) => {
          setNotice({ kind: "success", text: t("created", { name: user.name }) });
          await revalidate();
        }}
      />
      <Section title={t("listHeading")}>
        <div aria-live="polite" className="mb-3 empty:hidden">
          {notice ? (
            <FormMessage kind={notice.kind} testId="users-notice">
              {notice.text}
            </FormMessage>
          ) : null}
        </div>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="users-table">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">{t("columns.name")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("columns.email")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("columns.role")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("columns.status")}</th>
                <th scope="col" className="py-2 font-medium">{t("columns.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  isSelf={user.id === currentUserId}
                  roleOptions={roleOptions}
                  onUpdate={update}
                  onErase={erase}
                />
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </div>
  );
}

function UserRow({
  user,
  isSelf,
  roleOptions,
  onUpdate,
  onErase,
}: {
  user: UserDto;
  isSelf: boolean;
  roleOptions: { value: string; label: string }[];
  onUpdate: (user: UserDto, patch: { role?: Role; disabled?: boolean; password?: string }, success?: string) => Promise<boolean>;
  onErase: (user: UserDto) => Promise<void>;
}) {
  const t = useTranslations("settings.users");
  const tSettings = useTranslations("settings");
  const [busy, setBusy] = useState(false);
  const [settingPassword, setSettingPassword] = useState(false);
  const [confirmErase, setConfirmErase] = useState(false);

  async function run(patch: { role?: Role; disabled?: boolean; password?: string }, success?: string) {
    setBusy(true);
    const ok = await onUpdate(user, patch, success);
    setBusy(false);
    return ok;
  }

  return (
    <>
      <tr className="border-b border-slate-100 last:border-0 dark:border-slate-800" data-testid={`user-row-${user.email}`}>
        <td className="py-2 pr-4">
          {user.name}
          {isSelf ? <span className="ml-1 text-slate-500 dark:text-slate-400">({t("you")})</span> : null}
        </td>
        <td className="py-2 pr-4">{user.email}</td>
        <td className="py-2 pr-4">
          <select
            aria-label={t("roleFor", { name: user.name })}
            value={user.role}
            // Demoting yourself would end your own session mid-click; another admin can do it.
            disabled={busy || isSelf}
            data-testid="user-role"
            onChange={(event) => {
              const role = roles.find((r) => r === event.target.value);
              if (role) void run({ role });
            }}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          >
            {roleOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </td>
        <td className="py-2 pr-4">
          <span
            data-testid="user-status"
            className={
              user.disabled
                ? "rounded bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-700"
                : "rounded bg-emerald-100 px-2 py-0.5 text-xs text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100"
            }
          >
            {user.disabled ? t("status.disabled") : t("status.active")}
          </span>
        </td>
        <td className="flex flex-wrap gap-2 py-2">
          <Button
            variant="secondary"
            disabled={busy}
            aria-label={t("resetPasswordLabel", { name: user.name })}
            aria-expanded={settingPassword}
            data-testid="user-set-password"
            onClick={() => setSettingPassword((open) => !open)}
          >
            {t("resetPassword")}
          </Button>
          {isSelf ? null : user.disabled ? (
            <Button
              variant="secondary"
              disabled={busy}
              aria-label={t("enableLabel", { name: user.name })}
              data-testid="user-enable"
              onClick={() => void run({ disabled: false })}
            >
              {t("enable")}
            </Button>
          ) : (
            <Button
              variant="danger"
              disabled={busy}
              aria-label={t("disableLabel", { name: user.name })}
              data-testid="user-disable"
              onClick={() => {
                if (window.confirm(t("disableConfirm", { name: user.name }))) void run({ disabled: true });
              }}
            >
              {t("disable")}
            </Button>
          )}
          {isSelf ? null : (
            <Button
              variant="danger"
              disabled={busy}
              aria-label={t("eraseLabel", { name: user.name })}
              data-testid="user-erase"
              onClick={() => setConfirmErase(true)}
            >
              {t("erase")}
            </Button>
          )}
          <ConfirmDialog
            open={confirmErase}
            title={t("eraseTitle", { name: user.name })}
            body={t("eraseBody", { name: user.name })}
            confirmLabel={t("eraseConfirm")}
            cancelLabel={t("eraseCancel")}
            danger
            onConfirm={() => {
              setBusy(true);
              void onErase(user).finally(() => setBusy(false));
            }}
            onClose={() => setConfirmErase(false)}
            testId="erase-dialog"
          />
        </td>
      </tr>
      {settingPassword ? (
        <tr>
          <td colSpan={5} className="pb-4">
            <form
              className="flex flex-wrap items-end gap-3"
              data-testid="user-password-form"
              onSubmit={async (event) => {
                event.preventDefault();
                const password = String(new FormData(event.currentTarget).get("password") ?? "");
                if (await run({ password }, t("passwordReset", { name: user.name }))) setSettingPassword(false);
              }}
            >
              <div className="min-w-64">
                <TextField
                  label={t("newPassword", { name: user.name })}
                  hint={t("passwordHint")}
                  name="password"
                  type="password"
                  autoComplete="new-password"
                  required
                  minLength={8}
                />
              </div>
              <Button type="submit" disabled={busy}>
                {busy ? tSettings("saving") : tSettings("save")}
              </Button>
              <Button variant="secondary" onClick={() => setSettingPassword(false)}>
                {tSettings("cancel")}
              </Button>
            </form>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function CreateUserForm({
  roleOptions,
  onCreated,
}: {
  roleOptions: { value: string; label: string }[];
  onCreated: (user: UserDto) => Promise<void>;
}) {
  const t = useTranslations("settings.users");
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  return (
    <Section title={t("createHeading")} testId="create-user">
      <form
        data-testid="create-user-form"
        className="grid gap-4 md:grid-cols-2"
        onSubmit={async (event) => {
          event.preventDefault();
          const formElement = event.currentTarget;
          const form = new FormData(formElement);
          setPending(true);
          setError(null);
          try {
            const user = await createUser({
              name: String(form.get("name") ?? "").trim(),
              email: String(form.get("email") ?? "").trim(),
              password: String(form.get("password") ?? ""),
              role: String(form.get("role") ?? "viewer"),
            });
            formElement.reset();
            await onCreated(user);
          } catch (err) {
            setError(errorMessage(err));
          } finally {
            setPending(false);
          }
        }}
      >
        {error ? (
          <div className="md:col-span-2">
            <FormMessage kind="error" testId="create-user-error">
              {error}
            </FormMessage>
          </div>
        ) : null}
        <TextField label={t("name")} name="name" required maxLength={100} autoComplete="off" data-testid="create-user-name" />
        <TextField label={t("email")} name="email" type="email" required maxLength={254} autoComplete="off" data-testid="create-user-email" />
        <TextField
          label={t("password")}
          hint={t("passwordHint")}
          name="password"
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
          data-testid="create-user-password"
        />
        <SelectField label={t("role")} name="role" defaultValue="viewer" options={roleOptions} data-testid="create-user-role" />
        <div className="md:col-span-2">
          <Button type="submit" disabled={pending} data-testid="create-user-submit">
            {pending ? t("creating") : t("create")}
          </Button>
        </div>
      </form>
    </Section>
  );
}
