"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button, FormMessage, SelectField } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { isGermanVatId, isValidBic, isValidIban, normalizeIdentifier } from "@/lib/business/profile/identifiers";
import type { BusinessProfile, BusinessProfileView } from "@/lib/business/profile/schemas";
import { saveBusinessProfile } from "@/lib/client/use-business-profile";
import { ApiClientError } from "@/lib/client/api-error";
import { DetailField } from "./detail-field";

type Field = keyof BusinessProfile;

const sections: readonly { key: string; fields: readonly { name: Field; type?: string; autoComplete?: string; required?: boolean; wide?: boolean }[] }[] = [
  {
    key: "company",
    fields: [
      { name: "name", autoComplete: "organization", required: true, wide: true },
      { name: "owner", autoComplete: "name", wide: true },
    ],
  },
  {
    key: "address",
    fields: [
      { name: "street", autoComplete: "street-address", required: true, wide: true },
      { name: "postcode", autoComplete: "postal-code", required: true },
      { name: "city", autoComplete: "address-level2", required: true },
    ],
  },
  {
    key: "contact",
    fields: [
      { name: "phone", type: "tel", autoComplete: "tel" },
      { name: "email", type: "email", autoComplete: "email", required: true },
      { name: "web", type: "url", autoComplete: "url", wide: true },
    ],
  },
  { key: "tax", fields: [{ name: "vatId" }, { name: "taxNumber" }] },
  { key: "bank", fields: [{ name: "bankHolder", wide: true }, { name: "iban", wide: true }, { name: "bic" }] },
];

const checks: Partial<Record<Field, (value: string) => boolean>> = { vatId: isGermanVatId, iban: isValidIban, bic: isValidBic };

/** The shop's business details: Impressum, quotes and the DATEV stapel read them (lib/business/profile). */
export function BusinessDetailsForm({ details }: { details: BusinessProfileView }) {
  const t = useTranslations("businessDetails");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    const form = new FormData(event.currentTarget);
    const values = Object.fromEntries(sections.flatMap((s) => s.fields).map(({ name }) => [name, String(form.get(name) ?? "").trim()])) as Record<Field, string>;
    values.country = String(form.get("country") ?? "DE");
    const found: Partial<Record<Field, string>> = {};
    for (const [field, check] of Object.entries(checks) as [Field, (value: string) => boolean][]) {
      if (normalizeIdentifier(values[field]) !== "" && !check(values[field])) found[field] = t(`invalid.${field}`);
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setMessage({ kind: "error", text: t("fixFields") });
      return;
    }
    try {
      await saveBusinessProfile(values);
      setMessage({ kind: "success", text: t("saved") });
      router.refresh();
    } catch (err) {
      if (err instanceof ApiClientError && Object.keys(err.fields).length > 0) {
        setErrors(Object.fromEntries(Object.keys(err.fields).map((field) => [field, t("invalid.server")])));
        setMessage({ kind: "error", text: t("fixFields") });
      } else {
        setMessage({ kind: "error", text: errorMessage(err) });
      }
    }
  }

  return (
    <form onSubmit={(event) => void save(event)} noValidate className="space-y-4" data-testid="business-details-form">
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("intro")}</p>
      {details.missing.length > 0 ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100" data-testid="business-details-missing">
          {t("missing", { fields: details.missing.map((field) => t(`fields.${field}`)).join(", ") })}
        </p>
      ) : null}
      {sections.map((section) => (
        <fieldset key={section.key} className="grid gap-3 sm:grid-cols-2">
          <legend className="mb-1 text-sm font-semibold">{t(`sections.${section.key}`)}</legend>
          {section.fields.map((field) => (
            <DetailField
              key={field.name}
              label={t(`fields.${field.name}`)}
              name={field.name}
              type={field.type ?? "text"}
              autoComplete={field.autoComplete}
              required={field.required}
              defaultValue={details[field.name]}
              error={errors[field.name]}
              hint={t.has(`hints.${field.name}`) ? t(`hints.${field.name}`) : undefined}
              className={field.wide ? "sm:col-span-2" : ""}
            />
          ))}
          {section.key === "address" ? (
            <SelectField
              label={t("fields.country")}
              name="country"
              defaultValue={details.country}
              options={["DE", "AT", "CH"].map((code) => ({ value: code, label: t(`countries.${code}`) }))}
            />
          ) : null}
        </fieldset>
      ))}
      <div className="rounded-md border border-slate-200 px-3 py-2 text-sm dark:border-slate-700" data-testid="business-details-kleinunternehmer">
        <p className="font-medium">{t("kleinunternehmer.label")}: {details.kleinunternehmer ? t("kleinunternehmer.yes") : t("kleinunternehmer.no")}</p>
        <p className="text-slate-600 dark:text-slate-300">
          {t("kleinunternehmer.hint")}{" "}
          <a href="#rates" className="text-brand-700 underline dark:text-brand-100">
            {t("kleinunternehmer.link")}
          </a>
        </p>
      </div>
      {message ? <FormMessage kind={message.kind} testId="business-details-message">{message.text}</FormMessage> : null}
      <Button type="submit">{t("save")}</Button>
    </form>
  );
}
