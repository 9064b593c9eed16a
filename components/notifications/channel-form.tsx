"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button, FormMessage } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { Section } from "@/components/settings/section";
import {
  smtpTlsModes,
  type ChannelInput,
  type ChannelName,
  type ChannelsView,
  type ChannelView,
  type TestOutcome,
} from "@/lib/alerts/notification-schemas";
import { alertSeverities, isAlertType, type AlertType } from "@/lib/alerts/types";
import { ApiClientError } from "@/lib/client/api-error";
import { resetChannel, saveChannel, testChannel } from "@/lib/client/use-notifications";

const inputClass =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 dark:bg-slate-900";

type FieldProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, "id" | "name"> & { label: string; name: string; hint?: string; error?: string };

/** A labelled input that shows the server's message for it and is marked while it has one. */
function Field({ label, name, hint, error, ...input }: FieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-testid={`notify-field-${name}`}
        className={`${inputClass} ${error ? "border-red-500 dark:border-red-500" : "border-slate-300 dark:border-slate-700"}`}
        {...input}
      />
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700 dark:text-red-300" data-testid={`notify-error-${name}`}>
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

function optional(form: FormData, name: string): string | null {
  return text(form, name) || null;
}

/** The form's values as the API's input for this channel; an empty secret keeps the stored one. */
function inputOf(channel: ChannelName, form: FormData): ChannelInput {
  const routed = {
    enabled: form.get("enabled") === "on",
    types: form.getAll("types").filter((v): v is AlertType => typeof v === "string" && isAlertType(v)),
    severities: alertSeverities.filter((s) => form.getAll("severities").includes(s)),
    holdNonUrgent: form.get("holdNonUrgent") === "on",
  };
  switch (channel) {
    case "webhook":
      return { channel, ...routed, url: optional(form, "url") ?? undefined, headerName: optional(form, "headerName"), headerValue: optional(form, "headerValue") ?? undefined };
    case "email":
      return {
        channel,
        ...routed,
        host: text(form, "host"),
        port: Number(text(form, "port")),
        tls: smtpTlsModes.find((mode) => mode === text(form, "tls")) ?? "starttls",
        user: optional(form, "user"),
        password: optional(form, "password") ?? undefined,
        from: text(form, "from"),
        to: text(form, "to")
          .split(/[,;\s]+/)
          .filter(Boolean),
      };
    case "ntfy":
      return { channel, ...routed, url: optional(form, "url") ?? undefined };
  }
}

interface ChannelFormProps {
  view: ChannelView;
  catalogue: ChannelsView["catalogue"];
  severities: ChannelsView["severities"];
  onSaved: (next: ChannelsView) => void;
}

type Result = { kind: "success" | "error"; text: string } | null;

export function ChannelForm({ view, catalogue, severities, onSaved }: ChannelFormProps) {
  const t = useTranslations("notifications");
  const tAlerts = useTranslations("alerts");
  const tForms = useTranslations("forms");
  const errorMessage = useErrorMessage();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<Result>(null);
  const [busy, setBusy] = useState<"save" | "test" | "reset" | null>(null);
  const { channel } = view;

  function failed(err: unknown) {
    if (err instanceof ApiClientError && Object.keys(err.fields).length > 0) {
      const marked: Record<string, string> = {};
      for (const [field, code] of Object.entries(err.fields)) marked[field] = code === "secret_required" ? t("secretRequired") : code === "required" ? tForms("invalid.empty") : tForms("invalid.server");
      setErrors(marked);
      setResult({ kind: "error", text: tForms("fixFields") });
    } else setResult({ kind: "error", text: errorMessage(err) });
  }

  /** Delivered or not, then what the server said: HTTP status, SMTP reply code and text. */
  function outcomeText(outcome: TestOutcome): Result {
    const details = [
      outcome.httpStatus !== null ? t("outcome.httpStatus", { status: outcome.httpStatus }) : null,
      outcome.smtpCode !== null ? t("outcome.smtpCode", { code: outcome.smtpCode }) : null,
      outcome.response !== null ? t("outcome.answer", { answer: outcome.response }) : null,
    ].filter((part) => part !== null);
    const headline = outcome.delivered ? t("outcome.delivered") : t("outcome.failed", { stage: t(`outcome.stage.${outcome.stage ?? "connect"}`) });
    return { kind: outcome.delivered ? "success" : "error", text: [headline, ...details].join(" ") };
  }

  async function run(action: "save" | "test", form: HTMLFormElement) {
    setErrors({});
    setResult(null);
    setBusy(action);
    try {
      const input = inputOf(channel, new FormData(form));
      if (action === "save") {
        onSaved(await saveChannel(input));
        setResult({ kind: "success", text: t("saved") });
      } else setResult(outcomeText(await testChannel(input)));
    } catch (err) {
      failed(err);
    } finally {
      setBusy(null);
    }
  }

  async function reset() {
    setErrors({});
    setResult(null);
    setBusy("reset");
    try {
      onSaved(await resetChannel(channel));
      setResult({ kind: "success", text: t("resetDone") });
    } catch (err) {
      failed(err);
    } finally {
      setBusy(null);
    }
  }

  const { routing } = view;
  const key = `${channel}-${view.source}`;
  return (
    <Section title={t(`channels.${channel}.title`)} testId={`notify-${channel}`}>
      <p className="-mt-2 mb-1 text-sm text-slate-600 dark:text-slate-400">{t(`channels.${channel}.description`)}</p>
      <p className="mb-4 text-xs text-slate-600 dark:text-slate-400" data-testid={`notify-${channel}-source`}>
        <span className="font-medium">{t(`source.${view.source}`)}</span>
        {view.source !== "none" ? ` · ${t(`sourceHint.${view.source}`)}` : null}
      </p>
      <form
        key={key}
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void run("save", event.currentTarget);
        }}
      >
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="enabled" defaultChecked={routing.enabled} data-testid={`notify-${channel}-enabled`} className="size-4" />
          {t("fields.enabled")}
        </label>

        {channel === "webhook" && (
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="sm:col-span-2">
              <Field
                label={t("fields.url")}
                name="url"
                type="url"
                inputMode="url"
                hint={view.webhook ? t("fields.urlKeep", { origin: view.webhook.urlOrigin }) : t("fields.urlHint")}
                error={errors.url}
                autoComplete="off"
              />
            </div>
            <Field label={t("fields.headerName")} name="headerName" hint={t("fields.headerNameHint")} defaultValue={view.webhook?.headerName ?? ""} error={errors.headerName} autoComplete="off" />
            <Field
              label={t("fields.headerValue")}
              name="headerValue"
              type="password"
              autoComplete="new-password"
              hint={view.webhook?.headerValueStored ? t("fields.headerValueKeep") : undefined}
              error={errors.headerValue}
            />
          </div>
        )}

        {channel === "email" && (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("fields.host")} name="host" defaultValue={view.email?.host ?? ""} error={errors.host} autoComplete="off" />
            <Field label={t("fields.port")} name="port" inputMode="numeric" defaultValue={String(view.email?.port ?? 587)} error={errors.port} autoComplete="off" />
            <div className="space-y-1 sm:col-span-2">
              <label htmlFor={`${channel}-tls`} className="block text-sm font-medium">
                {t("fields.tls")}
              </label>
              <select id={`${channel}-tls`} name="tls" defaultValue={view.email?.tls ?? "starttls"} data-testid="notify-field-tls" className={`${inputClass} border-slate-300 dark:border-slate-700`}>
                {smtpTlsModes.map((mode) => (
                  <option key={mode} value={mode}>
                    {t(`fields.tlsModes.${mode}`)}
                  </option>
                ))}
              </select>
            </div>
            <Field label={t("fields.user")} name="user" defaultValue={view.email?.user ?? ""} error={errors.user} autoComplete="off" />
            <Field
              label={t("fields.password")}
              name="password"
              type="password"
              autoComplete="new-password"
              hint={view.email?.passwordStored ? t("fields.passwordKeep") : undefined}
              error={errors.password}
            />
            <Field label={t("fields.from")} name="from" hint={t("fields.fromHint")} defaultValue={view.email?.from ?? ""} error={errors.from} autoComplete="off" />
            <Field label={t("fields.to")} name="to" hint={t("fields.toHint")} defaultValue={view.email?.to.join(", ") ?? ""} error={errors.to} autoComplete="off" />
          </div>
        )}

        {channel === "ntfy" && (
          <Field
            label={t("fields.ntfyUrl")}
            name="url"
            type="url"
            inputMode="url"
            hint={view.ntfy ? t("fields.urlKeep", { origin: view.ntfy.urlOrigin }) : t("fields.ntfyUrlHint")}
            error={errors.url}
            autoComplete="off"
          />
        )}

        <fieldset className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
          <legend className="px-1 text-sm font-medium">{t("routing.types")}</legend>
          <ul className="grid gap-x-4 gap-y-1.5 sm:grid-cols-2">
            {catalogue.map((entry) => (
              <li key={entry.type}>
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name="types" value={entry.type} defaultChecked={routing.types.includes(entry.type)} className="mt-0.5 size-4 shrink-0" />
                  <span>
                    {tAlerts.has(`titles.${entry.type}`) ? tAlerts(`titles.${entry.type}`) : entry.type}{" "}
                    <span className="text-xs text-slate-600 dark:text-slate-400">
                      ({tAlerts(`severity.${entry.severity}`)}
                      {entry.nonUrgent ? `, ${t("routing.nonUrgent")}` : ""})
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>

        <fieldset className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
          <legend className="px-1 text-sm font-medium">{t("routing.severities")}</legend>
          <div className="flex flex-wrap gap-x-5 gap-y-1.5">
            {severities.map((severity) => (
              <label key={severity} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="severities" value={severity} defaultChecked={routing.severities.includes(severity)} className="size-4" />
                {tAlerts(`severity.${severity}`)}
              </label>
            ))}
          </div>
        </fieldset>

        <div>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="holdNonUrgent" defaultChecked={routing.holdNonUrgent} className="mt-0.5 size-4 shrink-0" />
            {t("routing.hold")}
          </label>
          <p className="ml-6 text-xs text-slate-600 dark:text-slate-400">{t("routing.holdHint")}</p>
        </div>

        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={busy !== null} data-testid={`notify-${channel}-save`}>
            {busy === "save" ? t("saving") : t("save")}
          </Button>
          <Button
            variant="secondary"
            disabled={busy !== null}
            data-testid={`notify-${channel}-test`}
            onClick={(event) => {
              const form = event.currentTarget.form;
              if (form) void run("test", form);
            }}
          >
            {busy === "test" ? t("testing") : t("test")}
          </Button>
          {view.source === "database" && (
            <Button variant="secondary" disabled={busy !== null} onClick={() => void reset()} data-testid={`notify-${channel}-reset`}>
              {t("reset")}
            </Button>
          )}
        </div>
        <div aria-live="polite">
          {result && (
            <FormMessage kind={result.kind} testId={`notify-${channel}-result`}>
              {result.text}
            </FormMessage>
          )}
        </div>
      </form>
    </Section>
  );
}
