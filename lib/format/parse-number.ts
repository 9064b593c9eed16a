/**
 * Reads numbers as people type them in their language: "1,75" and "1.234,5" in German,
 * "1.75" and "1,234.5" in English. The result is a plain decimal string ("1234.5"), so
 * the value reaches the exact money code (lib/business/money) without a binary float.
 *
 * A separator is only read as a thousands separator when it splits the digits into
 * groups of three ("1.234" in German is 1234, "1.23" is refused); anything that is not
 * clearly one number ("1,2,3", "-", "", digits of another script) is refused with a
 * reason the form shows beside the field.
 */

export type NumberLocale = "de" | "en";

export type ParseFailure = "empty" | "invalid" | "tooManyDecimals" | "negative";

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: ParseFailure };

interface Separators {
  decimal: string;
  group: string;
}

const separators: Record<NumberLocale, Separators> = {
  de: { decimal: ",", group: "." },
  en: { decimal: ".", group: "," },
};

export function numberLocaleOf(locale: string): NumberLocale {
  return locale.startsWith("en") ? "en" : "de";
}

/** Spaces people put in numbers: normal, no-break, narrow no-break, thin. */
const spaces = /[\s\u00a0\u202f\u2009]/g;

function escape(char: string): string {
  return char === "." ? "\\." : char;
}

export interface DecimalOptions {
  /** Most fraction digits allowed (cents: 2). */
  maxDecimals?: number;
  /** Refuse values below zero. */
  nonNegative?: boolean;
  /** A unit the user may type after the number ("€", "%", "mm"). */
  unit?: string;
}

/**
 * A decimal number typed in `locale`, as a canonical decimal string ("-1234.5", "0.5").
 * Only ASCII digits are read: "٣" is refused rather than guessed.
 */
export function parseDecimalInput(text: string, locale: string, options: DecimalOptions = {}): ParseResult<string> {
  const { decimal, group } = separators[numberLocaleOf(locale)];
  let compact = text.replace(spaces, "");
  if (options.unit && compact.endsWith(options.unit)) compact = compact.slice(0, -options.unit.length);
  if (compact === "") return { ok: false, reason: "empty" };
  const pattern = new RegExp(`^([+-]?)(\\d{1,3}(?:${escape(group)}\\d{3})+|\\d+)(?:${escape(decimal)}(\\d+))?$`);
  const leadingDecimal = new RegExp(`^([+-]?)${escape(decimal)}(\\d+)$`).exec(compact);
  const match = pattern.exec(compact);
  const sign = match?.[1] ?? leadingDecimal?.[1];
  const whole = match ? (match[2] ?? "").split(group).join("") : leadingDecimal ? "0" : null;
  const fraction = match ? (match[3] ?? "") : (leadingDecimal?.[2] ?? "");
  if (whole === null) return { ok: false, reason: "invalid" };
  if (options.maxDecimals !== undefined && fraction.length > options.maxDecimals) return { ok: false, reason: "tooManyDecimals" };
  const digits = `${whole.replace(/^0+(?=\d)/, "")}${fraction ? `.${fraction}` : ""}`;
  const isZero = /^[0.]+$/.test(digits);
  if (sign === "-" && !isZero && options.nonNegative) return { ok: false, reason: "negative" };
  return { ok: true, value: sign === "-" && !isZero ? `-${digits}` : digits };
}

/** Scales a canonical decimal string by 10^places into an integer; the caller has limited the fraction digits. */
function toScaledInteger(decimalText: string, places: number): number {
  const negative = decimalText.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? decimalText.slice(1) : decimalText).split(".");
  const units = BigInt(`${whole}${fraction.padEnd(places, "0")}`);
  const value = Number(negative ? -units : units);
  return value === 0 ? 0 : value;
}

/** Euros with at most two decimals ("24,99", "24,99 €") as integer cents (2499). */
export function parseMoneyInput(text: string, locale: string, options: { nonNegative?: boolean } = {}): ParseResult<number> {
  const parsed = parseDecimalInput(text, locale, { maxDecimals: 2, unit: "€", nonNegative: options.nonNegative ?? true });
  if (!parsed.ok) return parsed;
  const cents = toScaledInteger(parsed.value, 2);
  return Number.isSafeInteger(cents) ? { ok: true, value: cents } : { ok: false, reason: "invalid" };
}

/** A percentage with at most two decimals ("42,5", "42,5 %") as basis points (4250). */
export function parsePercentInput(text: string, locale: string, options: { nonNegative?: boolean } = {}): ParseResult<number> {
  const parsed = parseDecimalInput(text, locale, { maxDecimals: 2, unit: "%", nonNegative: options.nonNegative ?? false });
  if (!parsed.ok) return parsed;
  const bp = toScaledInteger(parsed.value, 2);
  return Number.isSafeInteger(bp) ? { ok: true, value: bp } : { ok: false, reason: "invalid" };
}

/** A canonical decimal string ("1234.5") as the locale writes it in a form field ("1234,5"); no grouping, so it reads back unchanged. */
export function formatDecimalInput(decimalText: string, locale: string): string {
  return numberLocaleOf(locale) === "de" ? decimalText.replace(".", ",") : decimalText;
}

function scaledToText(value: number, places: number): string {
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(places + 1, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** Cents as a form field shows them: 2499 → "24,99" (de), "24.99" (en). */
export function formatMoneyInput(cents: number, locale: string): string {
  return formatDecimalInput(scaledToText(cents, 2), locale);
}

/** Basis points as a form field shows them: 4250 → "42,5" (de), 4200 → "42". */
export function formatPercentInput(bp: number, locale: string): string {
  return formatDecimalInput(scaledToText(bp, 2).replace(/\.?0+$/, ""), locale);
}

/**
 * Moves the decimal point of a canonical decimal string exactly: shiftDecimal("0.505", 2)
 * = "50.5" (euros → cents), shiftDecimal("50.5", -2) = "0.505" (cents → euros).
 */
export function shiftDecimal(decimalText: string, places: number): string {
  const negative = decimalText.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? decimalText.slice(1) : decimalText).split(".");
  const digits = `${whole}${fraction}`;
  const point = whole.length + places;
  const padded = point <= 0 ? `${"0".repeat(1 - point)}${digits}` : digits.padEnd(point, "0");
  const at = Math.max(point, 1);
  const intPart = padded.slice(0, at).replace(/^0+(?=\d)/, "");
  const fracPart = padded.slice(at).replace(/0+$/, "");
  const result = fracPart ? `${intPart}.${fracPart}` : intPart;
  return negative && /[1-9]/.test(result) ? `-${result}` : result;
}
