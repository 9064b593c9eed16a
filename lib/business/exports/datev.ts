import { z } from "zod";
import { berlinWallClock } from "../calendar";
import { ratio, toDecimalString, type Cents } from "../money/money";
import type { SummableTotals } from "../money/vat";
import type { ReportCorrectionRow } from "../reports/corrections";
import type { ReportJobRow } from "../reports/summary";

/**
 * DATEV "Buchungsstapel" (EXTF format, version 700, category 21, format version 13) of
 * the business jobs' revenue, for the tax adviser. Line 1 is the EXTF header, line 2
 * the column names, then one booking per job: gross amount (always positive, the sign
 * goes into the Soll/Haben-Kennzeichen), debtor account against the revenue account of
 * the job's VAT treatment and rate. The revenue accounts of SKR03/SKR04 used here are
 * automatic accounts (DATEV derives the VAT from the account), so no BU-Schlüssel is
 * needed unless one is configured. Encoded in Windows-1252, as DATEV's import expects
 * for EXTF files; fields ";"-separated, text in double quotes, amounts with a
 * decimal comma, Belegdatum as DDMM within the stapel's fiscal year. A correction of
 * a job in a closed month is its own booking, dated the day it was booked, for the
 * difference it made (Haben when it lowers the revenue). Text fields are guarded
 * against spreadsheet formulas like every other export (see csv.ts).
 */

export const chartsOfAccounts = ["SKR03", "SKR04"] as const;

const account = z.string().regex(/^\d{4,9}$/);
const buKey = z.string().regex(/^\d{0,4}$/);

export const datevSettingsSchema = z.object({
  chart: z.enum(chartsOfAccounts).default("SKR03"),
  consultantNumber: z.number().int().min(1001).max(9_999_999).default(1001),
  clientNumber: z.number().int().min(1).max(99_999).default(1),
  /** First month of the fiscal year (1 = calendar year). */
  fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
  accountLength: z.number().int().min(4).max(8).default(4),
  /** Debtor or receivables account the revenue is booked against; null = chart default. */
  debtorAccount: account.nullable().default(null),
  accounts: z
    .object({
      revenue19: account.nullable().default(null),
      revenue7: account.nullable().default(null),
      revenue0: account.nullable().default(null),
      kleinunternehmer: account.nullable().default(null),
    })
    .prefault({}),
  buKeys: z.object({ revenue19: buKey.default(""), revenue7: buKey.default(""), revenue0: buKey.default(""), kleinunternehmer: buKey.default("") }).prefault({}),
});
export type DatevSettings = z.infer<typeof datevSettingsSchema>;

type AccountKey = "revenue19" | "revenue7" | "revenue0" | "kleinunternehmer";

/** Defaults: SKR03 8400/8300/8200 (19 %, 7 %, no VAT), 8195 § 19 UStG; SKR04 4400/4300/4200, 4185. */
export const defaultAccounts: Record<(typeof chartsOfAccounts)[number], Record<AccountKey | "debtor", string>> = {
  SKR03: { revenue19: "8400", revenue7: "8300", revenue0: "8200", kleinunternehmer: "8195", debtor: "1400" },
  SKR04: { revenue19: "4400", revenue7: "4300", revenue0: "4200", kleinunternehmer: "4185", debtor: "1200" },
};

function accountKeyOf(cost: Pick<SummableTotals, "treatment" | "vatRateBp"> | null): AccountKey | null {
  if (!cost || cost.treatment === "private") return null;
  if (cost.treatment === "kleinunternehmer") return "kleinunternehmer";
  return cost.vatRateBp === 1900 ? "revenue19" : cost.vatRateBp === 700 ? "revenue7" : "revenue0";
}

const columns = [
  "Umsatz (ohne Soll/Haben-Kz)",
  "Soll/Haben-Kennzeichen",
  "WKZ Umsatz",
  "Kurs",
  "Basis-Umsatz",
  "WKZ Basis-Umsatz",
  "Konto",
  "Gegenkonto (ohne BU-Schlüssel)",
  "BU-Schlüssel",
  "Belegdatum",
  "Belegfeld 1",
  "Belegfeld 2",
  "Skonto",
  "Buchungstext",
];

const formulaStart = /^[=+\-@]/;

/**
 * Text fields: quoted, quotes doubled, no line breaks or tabs (DATEV refuses control
 * characters), guarded with a leading apostrophe when a spreadsheet would run them as
 * a formula, cut to DATEV's length.
 */
function text(value: string, max: number): string {
  const flat = value.replace(/[\r\n\t;]+/g, " ").trimStart();
  const guarded = formulaStart.test(flat) ? `'${flat}` : flat;
  return `"${guarded.slice(0, max).replaceAll('"', '""')}"`;
}

function amount(cents: Cents): string {
  return toDecimalString(ratio(Math.abs(cents), 100), 2).replace(".", ",");
}

const pad = (value: number, length = 2) => String(value).padStart(length, "0");

function yyyymmdd(year: number, month: number, day: number): string {
  return `${year}${pad(month)}${pad(day)}`;
}

/** Belegfeld 1 allows letters, digits and $ & % * + - / (max 36); it never starts with a formula sign. */
function documentNumber(row: Pick<ReportJobRow, "orderReference" | "jobId">, prefix = ""): string {
  const clean = (source: string) => `${prefix}${source.replace(/[^A-Za-z0-9$&%*+\-/]/g, "").replace(/^[+\-]+/, "")}`.slice(0, 36);
  return clean(row.orderReference ?? row.jobId) || clean(row.jobId);
}

export interface DatevOptions {
  settings: DatevSettings;
  /** The stapel's period, Berlin days inclusive; must lie within one fiscal year. */
  from: { year: number; month: number; day: number };
  to: { year: number; month: number; day: number };
  createdAt: Date;
  description: string;
}

/**
 * Header field 17 "Bezeichnung" (max. 30): the shop's name from the business details,
 * shortened so the period's first day ("2026-12-01") always fits; "Printernizer" until
 * a name is entered.
 */
export function stapelDescription(businessName: string, from: string): string {
  const name = businessName.replace(/\s+/g, " ").trim() || "Printernizer";
  return `${name.slice(0, 30 - from.length - 1).trim()} ${from}`;
}

export function fiscalYearStart(settings: DatevSettings, date: { year: number; month: number }): { year: number; month: number } {
  const year = date.month >= settings.fiscalYearStartMonth ? date.year : date.year - 1;
  return { year, month: settings.fiscalYearStartMonth };
}

export function datevBookings(rows: readonly ReportJobRow[], options: DatevOptions, corrections: readonly ReportCorrectionRow[] = []): string {
  const { settings } = options;
  const start = fiscalYearStart(settings, options.from);
  const endStart = fiscalYearStart(settings, options.to);
  if (start.year !== endStart.year) throw new RangeError("a DATEV stapel must lie within one fiscal year");
  const created = berlinWallClock(options.createdAt);
  const header = [
    '"EXTF"',
    "700",
    "21",
    '"Buchungsstapel"',
    "13",
    `${yyyymmdd(created.year, created.month, created.day)}${pad(created.hour)}${pad(created.minute)}${pad(created.second)}${pad(created.millisecond, 3)}`,
    "",
    '"RE"',
    '""',
    '""',
    String(settings.consultantNumber),
    String(settings.clientNumber),
    yyyymmdd(start.year, start.month, 1),
    String(settings.accountLength),
    yyyymmdd(options.from.year, options.from.month, options.from.day),
    yyyymmdd(options.to.year, options.to.month, options.to.day),
    text(options.description, 30),
    '""',
    "1",
    "0",
    "0",
    '"EUR"',
    "",
    '""',
    "",
    "",
    `"${settings.chart.slice(3)}"`,
    "",
    "",
    '""',
    '""',
  ].join(";");
  const defaults = defaultAccounts[settings.chart];
  const debtor = settings.debtorAccount ?? defaults.debtor;
  const lines = [header, columns.map((column) => text(column, 60)).join(";")];
  const booking = (grossCents: Cents, key: AccountKey, at: Date, document: string, bookingText: string) => {
    const date = berlinWallClock(at);
    return [
      amount(grossCents),
      grossCents >= 0 ? '"S"' : '"H"',
      '"EUR"',
      "",
      "",
      '""',
      debtor,
      settings.accounts[key] ?? defaults[key],
      text(settings.buKeys[key], 4),
      `${pad(date.day)}${pad(date.month)}`,
      text(document, 36),
      '""',
      "",
      text(bookingText, 60),
    ].join(";");
  };
  for (const row of rows) {
    const key = accountKeyOf(row.cost);
    if (!key || !row.cost || row.cost.grossCents === 0) continue;
    lines.push(booking(row.cost.grossCents, key, row.endedAt, documentNumber(row), row.customer ? `${row.name} / ${row.customer}` : row.name));
  }
  for (const correction of corrections) {
    const key = accountKeyOf(correction);
    if (!key || correction.deltaGrossCents === 0) continue;
    lines.push(booking(correction.deltaGrossCents, key, correction.bookedAt, documentNumber(correction, `K${correction.id}-`), `Korrektur ${correction.name}`));
  }
  return `${lines.join("\r\n")}\r\n`;
}

const cp1252Extras: Record<string, number> = {
  "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89, "Š": 0x8a, "‹": 0x8b, "Œ": 0x8c,
  "Ž": 0x8e, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95, "–": 0x96, "—": 0x97, "˜": 0x98, "™": 0x99, "š": 0x9a, "›": 0x9b,
  "œ": 0x9c, "ž": 0x9e, "Ÿ": 0x9f,
};

/** Windows-1252; characters it cannot hold become "?". */
export function encodeWindows1252(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f;
    const extra = cp1252Extras[char];
    if (extra !== undefined) bytes.push(extra);
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else bytes.push(0x3f);
  }
  return Buffer.from(bytes);
}

export const DATEV_SETTINGS_KEY = "business.datev";
