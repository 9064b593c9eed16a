import { z } from "zod";
import { readSetting, writeSetting } from "@/lib/business/settings/settings";

/**
 * The public legal pages' text (Impressum per § 5 DDG, formerly § 5 TMG; privacy
 * notice per Art. 13 DSGVO), editable by the admin in German and English. Plain text
 * with blank lines between paragraphs; rendered as text, never as HTML. Until the
 * admin saves their own, templates with [placeholders] are shown.
 */

export const LEGAL_CONTENT_KEY = "legal.content";
export const legalPages = ["impressum", "datenschutz"] as const;
export type LegalPage = (typeof legalPages)[number];

const pageText = z.string().max(50_000);
const localized = z.object({ de: pageText, en: pageText });

export const legalContentSchema = z.object({ impressum: localized.nullable().default(null), datenschutz: localized.nullable().default(null) });
export const legalContentPatchSchema = z.strictObject({ impressum: localized.optional(), datenschutz: localized.optional() });

export const legalTemplates: Record<LegalPage, { de: string; en: string }> = {
  impressum: {
    de: [
      "Angaben gemäß § 5 DDG",
      "[Firmenname]\n[Inhaberin / Inhaber]\n[Straße Hausnummer]\n[PLZ] Kornwestheim",
      "Kontakt\nTelefon: [Telefonnummer]\nE-Mail: [E-Mail-Adresse]",
      "Umsatzsteuer-Identifikationsnummer gemäß § 27a UStG: [USt-IdNr.] (entfällt bei Kleinunternehmern nach § 19 UStG ohne USt-IdNr.)",
      "Verantwortlich für den Inhalt: [Name, Anschrift]",
    ].join("\n\n"),
    en: [
      "Information pursuant to § 5 DDG (German Digital Services Act)",
      "[Company name]\n[Owner]\n[Street and number]\n[Postcode] Kornwestheim, Germany",
      "Contact\nPhone: [phone number]\nE-mail: [e-mail address]",
      "VAT identification number pursuant to § 27a UStG: [VAT ID]",
      "Responsible for the content: [name, address]",
    ].join("\n\n"),
  },
  datenschutz: {
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
  },
};

export async function legalText(page: LegalPage, locale: "de" | "en"): Promise<{ text: string; isTemplate: boolean }> {
  const content = await readSetting(LEGAL_CONTENT_KEY, legalContentSchema);
  const saved = content[page]?.[locale];
  return saved ? { text: saved, isTemplate: false } : { text: legalTemplates[page][locale], isTemplate: true };
}

export async function updateLegalContent(patch: z.infer<typeof legalContentPatchSchema>) {
  const next = legalContentSchema.parse({ ...(await readSetting(LEGAL_CONTENT_KEY, legalContentSchema)), ...patch });
  await writeSetting(LEGAL_CONTENT_KEY, next);
  return { impressum: next.impressum ?? legalTemplates.impressum, datenschutz: next.datenschutz ?? legalTemplates.datenschutz };
}

export async function legalContentView() {
  const content = await readSetting(LEGAL_CONTENT_KEY, legalContentSchema);
  return { impressum: content.impressum ?? legalTemplates.impressum, datenschutz: content.datenschutz ?? legalTemplates.datenschutz };
}
