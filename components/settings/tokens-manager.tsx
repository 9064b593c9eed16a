"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, FormMessage, SelectField, TextField } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import type { ApiTokenDto } from "@/lib/auth/schemas";
import { tokenScopes, type TokenScope } from "@/lib/auth/token-scopes";
import { createToken, revokeToken, useTokens } from "@/lib/client/use-tokens";
import { useFormat } from "@/lib/format/use-format";
import { Section } from "./section";

const expiryChoices = [7, 30, 90, 180, 365] as const;

interface Props {
  initialTokens: ApiTokenDto[];
  /** The scopes the user's role allows. */
  scopes: readonly TokenScope[];
  /** PRINTERNIZER_TOKEN_MAX_DAYS. */
  maxDays: number;
}

/** The signed-in user's API tokens: create (shown once) with scopes and a lifetime, list, revoke. */
export function TokensManager({ initialTokens, scopes, maxDays }: Props) {
  const t = useTranslations("settings.tokens");
  const errorMessage = useErrorMessage();
  const { tokens, revalidate } = useTokens(initialTokens);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  return (
    <div className="space-y-6">
      <Section title={t("createHeading")} testId="create-token">
        <form
          data-testid="create-token-form"
          className="flex flex-wrap items-end gap-4"
          onSubmit={async (event) => {
            event.preventDefault();
            const formElement = event.currentTarget;
            const form = new FormData(formElement);
            const chosen = tokenScopes.filter((scope) => form.getAll("scopes").includes(scope));
            setPending(true);
            setError(null);
            try {
              const result = await createToken({ name: String(form.get("name") ?? "").trim(), scopes: chosen, expiresInDays: Number(form.get("expiresInDays")) });
              setCreated({ name: result.apiToken.name, token: result.token });
              formElement.reset();
              await revalidate();
            } catch (err) {
              setError(errorMessage(err));
            } finally {
              setPending(false);
            }
          }}
        >
          {error ? (
            <div className="w-full">
              <FormMessage kind="error" testId="create-token-error">
                {error}
              </FormMessage>
            </div>
          ) : null}
          <div className="min-w-64 flex-1">
            <TextField
              label={t("name")}
              name="name"
              required
              maxLength={100}
              placeholder={t("namePlaceholder")}
              autoComplete="off"
              data-testid="create-token-name"
            />
          </div>
          <SelectField
            label={t("expiry")}
            name="expiresInDays"
            defaultValue="90"
            data-testid="create-token-expiry"
            options={[...new Set([...expiryChoices.filter((days) => days <= maxDays), ...(maxDays < 365 ? [maxDays] : [])])].map((days) => ({
              value: String(days),
              label: t("expiryDays", { days }),
            }))}
          />
          <fieldset className="w-full" data-testid="create-token-scopes">
            <legend className="mb-1 text-sm font-medium">{t("scopes")}</legend>
            <div className="flex flex-wrap gap-x-5 gap-y-2">
              {scopes.map((scope) => (
                <label key={scope} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="scopes" value={scope} defaultChecked data-testid={`create-token-scope-${scope}`} />
                  {t(`scopeNames.${scope}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <Button type="submit" disabled={pending} data-testid="create-token-submit">
            {pending ? t("creating") : t("create")}
          </Button>
        </form>
        {created ? <NewToken name={created.name} token={created.token} onDismiss={() => setCreated(null)} /> : null}
      </Section>
      <Section title={t("listHeading")}>
        <TokenTable tokens={tokens} onRevoked={revalidate} />
      </Section>
    </div>
  );
}

function NewToken({ name, token, onDismiss }: { name: string; token: string; onDismiss: () => void }) {
  const t = useTranslations("settings.tokens");
  const [copied, setCopied] = useState(false);
  return (
    <div
      role="status"
      data-testid="new-token"
      className="mt-4 space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950"
    >
      <p className="font-medium">
        {t("newTokenHeading")}: {name}
      </p>
      <p className="text-sm">{t("newTokenHint")}</p>
      <div className="flex flex-wrap gap-2">
        <input
          readOnly
          value={token}
          aria-label={t("newTokenLabel")}
          data-testid="new-token-value"
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        <Button
          variant="secondary"
          data-testid="new-token-copy"
          onClick={async () => {
            await navigator.clipboard.writeText(token);
            setCopied(true);
          }}
        >
          {copied ? t("copied") : t("copy")}
        </Button>
        <Button variant="secondary" onClick={onDismiss}>
          {t("dismiss")}
        </Button>
      </div>
    </div>
  );
}

function TokenTable({ tokens, onRevoked }: { tokens: ApiTokenDto[]; onRevoked: () => Promise<unknown> }) {
  const t = useTranslations("settings.tokens");
  const tSettings = useTranslations("settings");
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const when = (iso: string | null) =>
    iso ? format.dateTimeStyled(iso, "medium", "short") : tSettings("never");

  if (tokens.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">{t("empty")}</p>;
  return (
    <>
      {error ? (
        <div className="mb-3">
          <FormMessage kind="error">{error}</FormMessage>
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="tokens-table">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800 dark:text-slate-400">
            <tr>
              {(["name", "prefix", "scopes", "created", "lastUsed", "expires", "status", "actions"] as const).map((column) => (
                <th key={column} scope="col" className="py-2 pr-4 font-medium">
                  {t(`columns.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => {
              const status = token.revokedAt
                ? "revoked"
                : token.expiresAt && new Date(token.expiresAt) <= new Date()
                  ? "expired"
                  : "active";
              return (
                <tr key={token.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800" data-testid={`token-row-${token.name}`}>
                  <td className="py-2 pr-4">{token.name}</td>
                  <td className="py-2 pr-4 font-mono text-xs">{token.prefix}…</td>
                  <td className="py-2 pr-4" data-testid="token-scopes">{token.scopes.map((scope) => t(`scopeNames.${scope}`)).join(", ")}</td>
                  <td className="py-2 pr-4">{when(token.createdAt)}</td>
                  <td className="py-2 pr-4">{when(token.lastUsedAt)}</td>
                  <td className="py-2 pr-4">{when(token.expiresAt)}</td>
                  <td className="py-2 pr-4" data-testid="token-status">
                    {t(`status.${status}`)}
                  </td>
                  <td className="py-2">
                    {status === "active" ? (
                      <Button
                        variant="danger"
                        disabled={busyId === token.id}
                        aria-label={t("revokeLabel", { name: token.name })}
                        data-testid="token-revoke"
                        onClick={async () => {
                          if (!window.confirm(t("revokeConfirm", { name: token.name }))) return;
                          setBusyId(token.id);
                          setError(null);
                          try {
                            await revokeToken(token.id);
                          } catch (err) {
                            setError(errorMessage(err));
                          } finally {
                            setBusyId(null);
                            await onRevoked();
                          }
                        }}
                      >
                        {t("revoke")}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
