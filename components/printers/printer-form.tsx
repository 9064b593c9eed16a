"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button, FormMessage } from "@/components/auth/form-controls";
import { useRouter } from "@/i18n/navigation";
import { portFields, tlsModes, type TlsMode } from "@/lib/printers/fields";
import { SECRET_REQUIRED, secretRequiredIssue } from "@/lib/printers/identity";
import type { FormField, PrinterKindDescriptor } from "@/lib/printers/kind";
import { descriptorOf, printerKinds, type PrinterKind } from "@/lib/printers/registry";
import type { ConnectionTestResult, PrinterView } from "@/lib/printers/schemas";
import { ApiClientError } from "@/lib/client/api-error";
import { createPrinter, testConnection, updatePrinter } from "@/lib/client/use-printers";
import { TestResult } from "./test-result";

const inputClass =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 dark:bg-slate-900 " +
  "aria-[invalid=true]:border-red-600 border-slate-300 dark:border-slate-700";

type Values = Record<string, string>;
type FieldProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean; name: string };

function Field({
  name,
  label,
  hint,
  error,
  children,
}: {
  name: string;
  label: string;
  hint?: React.ReactNode;
  error?: string;
  children: (props: FieldProps) => React.ReactNode;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children({ id, "aria-describedby": described, "aria-invalid": error ? true : undefined, name })}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700 dark:text-red-300" data-testid={`field-error-${name}`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A text, secret or port input of a kind's form, as its descriptor describes it. */
function KindInput({
  field,
  value,
  onChange,
  ...p
}: FieldProps & { field: FormField; value: string; onChange: (e: React.ChangeEvent<HTMLInputElement>) => void }) {
  if (field.control === "secret") {
    return <input {...p} type="password" className={inputClass} value={value} onChange={onChange} autoComplete={field.autoComplete} data-testid={field.testId} />;
  }
  if (field.control === "port") {
    return <input {...p} className={inputClass} value={value} onChange={onChange} inputMode="numeric" data-testid={field.testId} />;
  }
  return <input {...p} className={inputClass} value={value} onChange={onChange} autoComplete="off" data-testid={field.testId} />;
}

const TEST_FAILED = "test_failed";

/** A failed test's field: the kind names it per stage; the certificate only while one is used, a typed port before the host. */
function failedField(descriptor: PrinterKindDescriptor, stage: string, values: Values): string | null {
  const field = (descriptor.testFailureFields as Partial<Record<string, string>>)[stage] ?? null;
  if (field === "caCert" && values.tls !== "custom-ca") return "tls";
  const port = values[descriptor.mainPort].trim();
  if (field === "host" && stage === "tcp" && port !== "" && Number(port) !== descriptor.defaultPorts[descriptor.mainPort]) return descriptor.mainPort;
  return field;
}

function failureMessageKey(field: string): string {
  return (portFields as readonly string[]).includes(field) ? "port" : field;
}

/** Whether the form moves the saved printer (host, port, TLS mode, a new certificate) without its secret typed again. */
function secretMustBeRetyped(descriptor: PrinterKindDescriptor, printer: PrinterView, values: Values, newCertificate: boolean): boolean {
  const typed = (name: string) => (values[name].trim() === "" ? undefined : values[name].trim());
  const ports = Object.fromEntries(portFields.map((port) => [port, typed(port) === undefined ? undefined : Number(typed(port))]));
  const candidate = { host: typed("host"), ...ports, tls: values.tls, caCert: newCertificate && values.tls === "custom-ca" ? values.caCert : undefined };
  const saved = { host: printer.host, mqttPort: printer.mqttPort, ftpPort: printer.ftpPort, cameraPort: printer.cameraPort, httpPort: printer.httpPort, tls: printer.tls };
  return secretRequiredIssue(descriptor, saved, { ...values, ...candidate }) !== null;
}

function initialValues(printer?: PrinterView): Values {
  return {
    name: printer?.name ?? "",
    location: printer?.location ?? "",
    model: printer?.model ?? "",
    host: printer?.host ?? "",
    serial: printer?.serial ?? "",
    accessCode: "",
    tls: printer?.tls ?? "verify",
    caCert: "",
    ...Object.fromEntries(portFields.map((port) => [port, printer?.[port] ? String(printer[port]) : ""])),
    username: "",
    password: "",
    apiKey: "",
  };
}

/**
 * Adds or edits a printer, with the fields of its kind and hints where each value is
 * found on the printer. "Test connection" runs before saving; the API's validation
 * issues land beside their fields.
 */
export function PrinterForm({ printer }: { printer?: PrinterView }) {
  const t = useTranslations("printers.form");
  const te = useTranslations("errors");
  const router = useRouter();
  const editing = printer !== undefined;
  const [kind, setKind] = useState<PrinterKind>(printer?.kind ?? printerKinds[0]);
  const [values, setValues] = useState<Values>(() => initialValues(printer));
  const [caFile, setCaFile] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [testResult, setTestResult] = useState<ConnectionTestResult | null>(null);
  const [saving, setSaving] = useState(false);
  const [autoStart, setAutoStart] = useState(printer?.bed.autoStart ?? false);
  const tq = useTranslations("queueUi.settings");

  const set = (name: string) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setValues((v) => ({ ...v, [name]: e.target.value }));
    setFieldErrors(({ [name]: _removed, ...rest }) => rest);
  };
  const descriptor: PrinterKindDescriptor = descriptorOf(kind);
  const mustRetype = editing && secretMustBeRetyped(descriptor, printer, values, caFile !== null);
  const errorFor = (field: string) => {
    // The server's secret_required held for the values sent then; the form knows whether it still holds.
    const answered = fieldErrors[field] === SECRET_REQUIRED && !mustRetype ? undefined : fieldErrors[field];
    const code = answered ?? (mustRetype && field === descriptor.requiredSecret ? SECRET_REQUIRED : undefined);
    if (!code) return undefined;
    if (code === "conflict") return t("errors.nameTaken");
    if (code === SECRET_REQUIRED) return t(`errors.secretRequired.${field}`);
    if (code === TEST_FAILED) return t(`errors.testFailed.${failureMessageKey(field)}`);
    return t.has(`errors.${field}`) ? t(`errors.${field}`) : t("errors.generic");
  };

  /** The request body: empty fields are left out, so the server's defaults (and, when editing, the stored secrets) apply. */
  const body = (forTest: boolean): Record<string, unknown> => {
    const pick = (names: string[]) =>
      Object.fromEntries(names.filter((n) => values[n].trim() !== "").map((n) => [n, values[n].trim()]));
    const ports = (names: string[]) =>
      Object.fromEntries(names.filter((n) => values[n].trim() !== "").map((n) => [n, Number(values[n].trim())]));
    const common = pick(["name", "location", "model", "host"]);
    const fields = descriptorOf(kind).form.fields;
    const named = (control: FormField["control"]) => fields.filter((field) => field.control === control).map((field) => field.name);
    const specific = {
      ...pick([...named("text"), ...named("secret")]),
      ...ports(named("port")),
      ...(named("tls").length > 0
        ? { tls: values.tls as TlsMode, ...(values.tls === "custom-ca" && values.caCert ? { caCert: values.caCert } : {}) }
        : {}),
    };
    if (editing) {
      const patch = { ...common, ...specific };
      return forTest ? { kind, printerId: printer.id, ...patch } : { ...patch, autoStartWithoutBedCheck: autoStart };
    }
    return { kind, ...common, ...specific };
  };

  const fail = (error: unknown) => {
    if (error instanceof ApiClientError) {
      if (error.status === 409) setFieldErrors({ name: "conflict" });
      else if (Object.keys(error.fields).length > 0) setFieldErrors(error.fields);
      setFormError(error.status === 422 ? t("fixFields") : te.has(error.code) ? te(error.code) : te("internal"));
    } else setFormError(te("internal"));
  };

  const runTest = async () => {
    setTesting(true);
    setTestResult(null);
    setFormError(null);
    setFieldErrors({});
    try {
      const answer = await testConnection(body(true));
      if (answer.result) {
        setTestResult(answer.result);
        const field = answer.result.ok ? null : failedField(descriptor, answer.result.stage, values);
        if (field) setFieldErrors({ [field]: TEST_FAILED });
      } else setFormError(t("testTimeout"));
    } catch (error) {
      fail(error);
    } finally {
      setTesting(false);
    }
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFormError(null);
    setFieldErrors({});
    try {
      const saved = editing ? await updatePrinter(printer.id, body(false)) : await createPrinter(body(false));
      router.push(`/printers/${saved.id}`);
      router.refresh();
    } catch (error) {
      fail(error);
      setSaving(false);
    }
  };

  const onCaFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    setValues((v) => ({ ...v, caCert: text }));
    setCaFile(file.name);
    setFieldErrors(({ caCert: _removed, ...rest }) => rest);
  };

  const models = descriptor.models;
  const fields = descriptor.form.fields;
  const basic = fields.filter((field) => field.control === "text" || field.control === "secret" || (field.control === "port" && !field.advanced));
  const advanced = fields.filter((field) => field.control === "port" && field.advanced);
  const hintOf = (field: FormField) => {
    if (field.control === "secret") return t(editing && field.hintWhenEditing ? field.hintWhenEditing : field.hint);
    if (field.control === "text" || field.control === "port") return field.hint ? t(field.hint) : undefined;
    return undefined;
  };
  return (
    <form onSubmit={(e) => void save(e)} noValidate className="max-w-2xl space-y-6" data-testid="printer-form">
      {!editing ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t("kind")}</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {printerKinds.map((k) => (
              <label
                key={k}
                className={`flex cursor-pointer items-start gap-3 rounded-lg border p-3 ${kind === k ? "border-brand-600 bg-brand-50 dark:bg-slate-800" : "border-slate-300 dark:border-slate-700"}`}
              >
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    setValues((v) => ({ ...v, model: "" }));
                    setTestResult(null);
                  }}
                  className="mt-1"
                  data-testid={`kind-${k}`}
                />
                <span>
                  <span className="block font-medium">{t(`kinds.${k}.title`)}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{t(`kinds.${k}.body`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="name" label={t("name")} error={errorFor("name")}>
          {(p) => <input {...p} className={inputClass} value={values.name} onChange={set("name")} required data-testid="form-name" />}
        </Field>
        <Field name="location" label={t("location")} hint={t("locationHint")} error={errorFor("location")}>
          {(p) => <input {...p} className={inputClass} value={values.location} onChange={set("location")} data-testid="form-location" />}
        </Field>
        <Field name="model" label={t("model")} error={errorFor("model")}>
          {(p) => (
            <select {...p} className={inputClass} value={values.model} onChange={set("model")} data-testid="form-model">
              <option value="">{t("modelAuto")}</option>
              {[...new Set([...models, ...(values.model ? [values.model] : [])])].map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="host" label={t("host")} hint={t(`hostHint.${kind}`)} error={errorFor("host")}>
          {(p) => <input {...p} className={inputClass} value={values.host} onChange={set("host")} inputMode="url" autoComplete="off" data-testid="form-host" />}
        </Field>
      </div>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <legend className="px-1 text-sm font-semibold">{t(`kinds.${kind}.title`)}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {basic.map((field) => (
            <Field key={field.name} name={field.name} label={t(field.name)} hint={hintOf(field)} error={errorFor(field.name)}>
              {(p) => <KindInput {...p} field={field} value={values[field.name]} onChange={set(field.name)} />}
            </Field>
          ))}
        </div>
        {fields.map((field) =>
          field.control === "tls" ? (
            <Field key={field.name} name="tls" label={t("tls")} hint={t(`tlsHint.${values.tls}`)} error={errorFor("tls")}>
              {(p) => (
                <select {...p} className={inputClass} value={values.tls} onChange={set("tls")} data-testid={field.testId}>
                  {tlsModes.map((m) => (
                    <option key={m} value={m}>
                      {t(`tlsModes.${m}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : field.control === "caCert" && values.tls === "custom-ca" ? (
            <Field
              key={field.name}
              name="caCert"
              label={t("caCert")}
              hint={caFile ? t("caLoaded", { file: caFile }) : editing && printer.hasCaCert ? t("caKeep") : t("caHint")}
              error={errorFor("caCert")}
            >
              {(p) => (
                <>
                  <input {...p} type="file" accept=".pem,.crt,.cer,application/x-pem-file" onChange={(e) => void onCaFile(e)} className="peer sr-only" data-testid={field.testId} />
                  {/* The browser's own file button speaks the browser's language, not the page's. */}
                  <label
                    htmlFor={p.id}
                    className="inline-flex cursor-pointer items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-500 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
                  >
                    {t("chooseFile")}
                  </label>
                </>
              )}
            </Field>
          ) : null,
        )}
        {advanced.length > 0 ? (
          // Opened while one of its ports is marked, so a failed test's port is seen.
          <details className="rounded-md border border-slate-200 p-3 dark:border-slate-800" open={advanced.some((field) => errorFor(field.name)) || undefined}>
            <summary className="cursor-pointer text-sm font-medium">{t("ports")}</summary>
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{t("portsHint")}</p>
            <div className="mt-3 grid gap-4 sm:grid-cols-3">
              {advanced.map((field) => (
                <Field key={field.name} name={field.name} label={t(field.name)} error={errorFor(field.name)}>
                  {(p) => <KindInput {...p} field={field} value={values[field.name]} onChange={set(field.name)} />}
                </Field>
              ))}
            </div>
          </details>
        ) : null}
        {descriptor.form.notice ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">{t(descriptor.form.notice)}</p>
        ) : null}
      </fieldset>

      {editing ? (
        <div className="space-y-1">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="checkbox" checked={autoStart} onChange={(e) => setAutoStart(e.target.checked)} aria-describedby="form-auto-start-hint" data-testid="form-auto-start" />
            {tq("autoStart")}
          </label>
          <p id="form-auto-start-hint" className="text-xs text-slate-600 dark:text-slate-400">
            {tq("autoStartHint")}
          </p>
        </div>
      ) : null}

      <div className="space-y-3">
        <TestResult result={testResult} pending={testing} />
        {formError ? <FormMessage kind="error" testId="form-error">{formError}</FormMessage> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => void runTest()} disabled={testing || saving} data-testid="form-test">
          {t("test")}
        </Button>
        <Button type="submit" disabled={saving} data-testid="form-save">
          {editing ? t("saveChanges") : t("create")}
        </Button>
      </div>
    </form>
  );
}
