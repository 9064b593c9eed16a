import { z } from "zod";
import { readBusinessProfile } from "@/lib/business/profile/profile";
import type { BusinessProfile } from "@/lib/business/profile/schemas";
import { readSetting, writeSetting } from "@/lib/business/settings/settings";

/**
 * The public legal pages' text (Impressum per § 5 DDG, formerly § 5 TMG; privacy
 * notice per Art. 13 DSGVO), editable by the admin in German and English. Plain text
 * with blank lines between paragraphs; rendered as text, never as HTML. Until the
 * admin saves their own, templates are shown, filled from the business details, with
 * [placeholders] where a detail is not given yet.
 */

export const LEGAL_CONTENT_KEY = "legal.content";
export const legalPages = ["impressum", "datenschutz"] as const;
export type LegalPage = (typeof legalPages)[number];

const pageText = z.string().max(50_000);
const localized = z.object({ de: pageText, en: pageText });

export const legalContentSchema = z.object({ impressum: localized.nullable().default(null), datenschutz: localized.nullable().default(null) });
export const legalContentPatchSchema = z.strictObject({ impressum: localized.optional(), datenschutz: localized.optional() });

type Localized = { de: string; en: string };

const countryNames: Record<string, Localized> = { DE: { de: "Deutschland", en: "Germany" }, AT: { de: "Österreich", en: "Austria" }, CH: { de: "Schweiz", en: "Switzerland" } };

/**
 * The Impressum template filled from the business details (lib/business/profile): a
 * field not given yet keeps its [placeholder], so the admin sees what is missing.
 */
export function impressumTemplate(profile: BusinessProfile): Localized {
  const or = (value: string, placeholder: string) => value || placeholder;
  const country = (locale: "de" | "en") => countryNames[profile.country]?.[locale] ?? profile.country;
  const place = (locale: "de" | "en", placeholder: string) =>
    `${or(profile.postcode, placeholder)} ${or(profile.city, locale === "de" ? "[Ort]" : "[city]")}${profile.country === "DE" && locale === "de" ? "" : `, ${country(locale)}`}`;
  const contact = (locale: "de" | "en") =>
    [
      locale === "de" ? "Kontakt" : "Contact",
      `${locale === "de" ? "Telefon" : "Phone"}: ${or(profile.phone, locale === "de" ? "[Telefonnummer]" : "[phone number]")}`,
      `${locale === "de" ? "E-Mail" : "E-mail"}: ${or(profile.email, locale === "de" ? "[E-Mail-Adresse]" : "[e-mail address]")}`,
      ...(profile.web ? [`Web: ${profile.web}`] : []),
    ].join("\n");
  const tax = (locale: "de" | "en") => {
    const lines: string[] = [];
    if (profile.vatId) lines.push(locale === "de" ? `Umsatzsteuer-Identifikationsnummer gemäß § 27a UStG: ${profile.vatId}` : `VAT identification number pursuant to § 27a UStG: ${profile.vatId}`);
    if (profile.taxNumber) lines.push(locale === "de" ? `Steuernummer: ${profile.taxNumber}` : `Tax number: ${profile.taxNumber}`);
    if (lines.length === 0) {
      lines.push(
        locale === "de"
          ? "Umsatzsteuer-Identifikationsnummer gemäß § 27a UStG: [USt-IdNr.] (entfällt bei Kleinunternehmern nach § 19 UStG ohne USt-IdNr.)"
          : "VAT identification number pursuant to § 27a UStG: [VAT ID]",
      );
    }
    return lines.join("\n");
  };
  const address = (locale: "de" | "en") =>
    [
      or(profile.name, locale === "de" ? "[Firmenname]" : "[Company name]"),
      or(profile.owner, locale === "de" ? "[Inhaberin / Inhaber]" : "[Owner]"),
      or(profile.street, locale === "de" ? "[Straße Hausnummer]" : "[Street and number]"),
      place(locale, locale === "de" ? "[PLZ]" : "[Postcode]"),
    ].join("\n");
  const responsible = (locale: "de" | "en") =>
    profile.owner && profile.street && profile.city
      ? `${profile.owner}, ${profile.street}, ${profile.postcode} ${profile.city}`
      : locale === "de"
        ? "[Name, Anschrift]"
        : "[name, address]";
  return {
    de: ["Angaben gemäß § 5 DDG", address("de"), contact("de"), tax("de"), `Verantwortlich für den Inhalt: ${responsible("de")}`].join("\n\n"),
    en: ["Information pursuant to § 5 DDG (German Digital Services Act)", address("en"), contact("en"), tax("en"), `Responsible for the content: ${responsible("en")}`].join(
      "\n\n",
    ),
  };
}

function controller(profile: BusinessProfile, locale: "de" | "en"): string {
  if (!profile.name || !profile.street || !profile.city || !profile.email) return locale === "de" ? "[Firmenname, Anschrift, E-Mail]" : "[company name, address, e-mail]";
  return `${profile.name}, ${profile.street}, ${profile.postcode} ${profile.city}, ${profile.email}`;
}

/** The templates shown until the admin saves their own, filled from the business details. */
export function legalTemplates(profile: BusinessProfile): Record<LegalPage, Localized> {
  return {
    impressum: impressumTemplate(profile),
    datenschutz: {
      de: privacyTemplate.de.replace("[Firmenname, Anschrift, E-Mail]", controller(profile, "de")),
      en: privacyTemplate.en.replace("[company name, address, e-mail]", controller(profile, "en")),
    },
  };
}

const privacyTemplate: Localized = {
    de: [
      "Datenschutzerklärung (Art. 13 DSGVO)",
      "Verantwortlicher: [Firmenname, Anschrift, E-Mail]",
      "Zwecke und Rechtsgrundlagen: Wir verarbeiten die Daten der Nutzerkonten (Name, E-Mail-Adresse, Rolle, Anmeldezeiten) zum Betrieb dieser Druckverwaltung (Art. 6 Abs. 1 lit. b und f DSGVO) und Geschäftsunterlagen (Druckaufträge, Kosten, Kunden) zur Erfüllung gesetzlicher Aufbewahrungspflichten (Art. 6 Abs. 1 lit. c DSGVO, § 147 AO, § 257 HGB).",
      "IP-Adressen werden nur als verschlüsselter Hash im Prüfprotokoll gespeichert, nie im Klartext.",
      "Cookies: Es werden nur technisch notwendige Cookies gesetzt: die Sitzung (Anmeldung), ein CSRF-Schutz und die gewählte Sprache. Keine Analyse- oder Werbe-Cookies.",
      "Speicherdauer: Geschäftsunterlagen [7] Jahre (gesetzlich 6, 8 oder 10 Jahre), Messdaten der Drucker 90 Tage.",
      "Empfänger: [keine / Steuerberatung, Hosting-Dienstleister]",
      "Ihre Rechte: Auskunft (Art. 15), Berichtigung (Art. 16), Löschung (Art. 17), Einschränkung (Art. 18), Datenübertragbarkeit (Art. 20), Widerspruch (Art. 21) und Beschwerde bei einer Aufsichtsbehörde, z. B. dem Landesbeauftragten für den Datenschutz und die Informationsfreiheit Baden-Württemberg.",
    ].join("\n\n"),
    en: [
      "Privacy notice (Art. 13 GDPR)",
      "Controller: [company name, address, e-mail]",
      "Purposes and legal bases: we process user account data (name, e-mail address, role, sign-in times) to run this print management system (Art. 6 (1) b and f GDPR) and business records (print jobs, costs, customers) to meet statutory retention duties (Art. 6 (1) c GDPR, § 147 AO, § 257 HGB).",
      "IP addresses are stored only as a keyed hash in the audit log, never in plain text.",
      "Cookies: only technically necessary cookies are set: the session (sign-in), CSRF protection and the chosen language. No analytics or advertising cookies.",
      "Retention: business records [7] years (statutory 6, 8 or 10 years), printer measurements 90 days.",
      "Recipients: [none / tax adviser, hosting provider]",
      "Your rights: access (Art. 15), rectification (Art. 16), erasure (Art. 17), restriction (Art. 18), portability (Art. 20), objection (Art. 21) and complaint to a supervisory authority, e.g. the data protection commissioner of Baden-Württemberg.",
    ].join("\n\n"),
};

export async function legalText(page: LegalPage, locale: "de" | "en"): Promise<{ text: string; isTemplate: boolean }> {
  const content = await readSetting(LEGAL_CONTENT_KEY, legalContentSchema);
  const saved = content[page]?.[locale];
  return saved ? { text: saved, isTemplate: false } : { text: legalTemplates(await readBusinessProfile())[page][locale], isTemplate: true };
}

export async function updateLegalContent(patch: z.infer<typeof legalContentPatchSchema>) {
  const next = legalContentSchema.parse({ ...(await readSetting(LEGAL_CONTENT_KEY, legalContentSchema)), ...patch });
  await writeSetting(LEGAL_CONTENT_KEY, next);
  const templates = legalTemplates(await readBusinessProfile());
  return { impressum: next.impressum ?? templates.impressum, datenschutz: next.datenschutz ?? templates.datenschutz };
}

export async function legalContentView() {
  const [content, profile] = await Promise.all([readSetting(LEGAL_CONTENT_KEY, legalContentSchema), readBusinessProfile()]);
  const templates = legalTemplates(profile);
  return { impressum: content.impressum ?? templates.impressum, datenschutz: content.datenschutz ?? templates.datenschutz };
}
