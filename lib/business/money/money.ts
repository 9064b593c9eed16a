/**
 * Money is an integer number of euro cents everywhere (`Cents`), always a safe integer.
 * Amounts that are not whole cents yet (grams × price per kg, Wh × price per kWh, a
 * price of 34.12 ct/kWh) are exact rationals of BigInts until the single rounding step,
 * so no binary float ever touches a cent: 1.005 € is 100.5 ct and rounds to 101 ct,
 * where `Math.round(1.005 * 100)` gives 100.
 *
 * Rounding is commercial ("kaufmännisch"): half away from zero, on the exact value.
 */

/** Euro cents; a safe integer (checked by `toCents` / `assertCents`). */
export type Cents = number;

/** An exact fraction; `den` is always positive and the fraction is fully reduced. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

/**
 * Anything that can be turned into an exact value: a Rational, a bigint, a safe
 * integer number, or a decimal string ("12.34", "-0.5"). Non-integer JS numbers are
 * refused on purpose: 1.15 as a float is 1.149999…, so fractions must come as strings
 * (Prisma's Decimal.toString(), form input) or as integers with a scale (`scaled`).
 */
export type Exact = Rational | bigint | number | string;

export function isCents(value: unknown): value is Cents {
  return typeof value === "number" && Number.isSafeInteger(value);
}

export function assertCents(value: unknown, label = "amount"): asserts value is Cents {
  if (!isCents(value)) throw new RangeError(`${label} must be a safe integer number of cents, got ${String(value)}`);
}

/** Checks and normalizes (no -0) a cent amount; accepts a bigint within the safe range. */
export function toCents(value: number | bigint, label = "amount"): Cents {
  const asNumber = typeof value === "bigint" ? Number(value) : value;
  if (typeof value === "bigint" && BigInt(asNumber) !== value) {
    throw new RangeError(`${label} ${value} is outside the safe integer range`);
  }
  assertCents(asNumber, label);
  return asNumber === 0 ? 0 : asNumber;
}

/** Adds cent amounts with BigInt so an overflow is reported instead of silently rounded. */
export function sumCents(values: readonly Cents[], label = "sum"): Cents {
  let total = 0n;
  for (const value of values) {
    assertCents(value, label);
    total += BigInt(value);
  }
  return toCents(total, label);
}

/**
 * numerator / denominator rounded to an integer, halves away from zero
 * (2.5 → 3, -2.5 → -3, 0.4999 → 0). Exact for any BigInt size.
 */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("division by zero");
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const rounded = 2n * (n % d) >= d ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** num / den as a reduced Rational with a positive denominator. */
export function ratio(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = toBigInt(num);
  let d = toBigInt(den);
  if (d === 0n) throw new RangeError("division by zero");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { num: n / g, den: d / g } : { num: n, den: d };
}

/** units × 10^-scale, e.g. scaled(12340, 3) = 12.34 (milligrams as grams, Wh as kWh). */
export function scaled(units: bigint | number, scale: number): Rational {
  if (!Number.isSafeInteger(scale) || scale < 0) throw new RangeError(`scale must be a non-negative integer, got ${scale}`);
  return ratio(toBigInt(units), 10n ** BigInt(scale));
}

const decimalPattern = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * Parses a plain decimal ("12.34", "-0.005", ".5", "7"). A comma is refused rather
 * than guessed: "1,234" is 1234 in English and 1.234 in German.
 */
export function parseDecimal(text: string): Rational {
  const match = decimalPattern.exec(text.trim());
  const whole = match?.[2] ?? "";
  const fraction = match?.[3] ?? "";
  if (!match || whole.length + fraction.length === 0) throw new RangeError(`not a decimal number: "${text}"`);
  const units = BigInt(`${whole}${fraction}` || "0");
  return scaled(match[1] === "-" ? -units : units, fraction.length);
}

function toBigInt(value: bigint | number): bigint {
  if (typeof value === "bigint") return value;
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${value} is not a safe integer; pass fractions as decimal strings or scaled integers`);
  }
  return BigInt(value);
}

export function toRational(value: Exact): Rational {
  if (typeof value === "string") return parseDecimal(value);
  if (typeof value === "object") return ratio(value.num, value.den);
  return ratio(toBigInt(value));
}

export function multiply(...factors: Exact[]): Rational {
  let num = 1n;
  let den = 1n;
  for (const factor of factors) {
    const r = toRational(factor);
    num *= r.num;
    den *= r.den;
  }
  return ratio(num, den);
}

export function divide(dividend: Exact, divisor: Exact): Rational {
  const a = toRational(dividend);
  const b = toRational(divisor);
  return ratio(a.num * b.den, a.den * b.num);
}

export function add(...terms: Exact[]): Rational {
  let num = 0n;
  let den = 1n;
  for (const term of terms) {
    const r = toRational(term);
    num = num * r.den + r.num * den;
    den *= r.den;
  }
  return ratio(num, den);
}

export function subtract(minuend: Exact, subtrahend: Exact): Rational {
  const b = toRational(subtrahend);
  return add(minuend, { num: -b.num, den: b.den });
}

export function equals(a: Exact, b: Exact): boolean {
  const x = toRational(a);
  const y = toRational(b);
  return x.num === y.num && x.den === y.den;
}

/** Rounds an exact amount of cents to whole cents (half away from zero). */
export function roundToCents(amountInCents: Exact): Cents {
  const r = toRational(amountInCents);
  return toCents(roundHalfAwayFromZero(r.num, r.den));
}

/**
 * (product of factors) / divisor, rounded once to cents. Example: material cost
 * `centsOf(["12.34", 2499], 1000)` = 12.34 g × 2499 ct/kg ÷ 1000 g/kg = 30.83766 → 31.
 */
export function centsOf(factors: readonly Exact[], divisor: Exact = 1n): Cents {
  return roundToCents(divide(multiply(...factors), divisor));
}

/** A euro amount as exact (unrounded) cents: "0.3412" € → 34.12 ct. */
export function exactCentsOfEuros(euros: Exact): Rational {
  return multiply(euros, 100n);
}

/** A euro amount rounded to whole cents: "1.005" → 101, "2.675" → 268, "-0.005" → -1. */
export function eurosToCents(euros: Exact): Cents {
  return roundToCents(exactCentsOfEuros(euros));
}

/** A decimal string with exactly `places` fraction digits, rounded half away from zero. */
export function toDecimalString(value: Exact, places: number): string {
  if (!Number.isSafeInteger(places) || places < 0) throw new RangeError(`places must be a non-negative integer, got ${places}`);
  const r = toRational(value);
  const unit = 10n ** BigInt(places);
  const units = roundHalfAwayFromZero(r.num * unit, r.den);
  const magnitude = units < 0n ? -units : units;
  const whole = (magnitude / unit).toString();
  const fraction = (magnitude % unit).toString().padStart(places, "0");
  return `${units < 0n ? "-" : ""}${whole}${places > 0 ? `.${fraction}` : ""}`;
}

function isNumericLiteral(text: string): text is Intl.StringNumericLiteral {
  return /^-?\d+(\.\d+)?$/.test(text);
}

const currencyFormats = new Map<string, Intl.NumberFormat>();

/**
 * Formats cents as euros for a locale: de-DE "1.234,56 €", en "€1,234.56" (Intl puts a
 * no-break space before "€" in German). The amount reaches Intl as a decimal string,
 * never as cents / 100, so even amounts near 2^53 cents print every digit.
 */
export function formatCents(cents: Cents, locale: string): string {
  assertCents(cents);
  let format = currencyFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" });
    currencyFormats.set(locale, format);
  }
  const literal = toDecimalString(ratio(cents, 100n), 2);
  if (!isNumericLiteral(literal)) throw new RangeError(`cannot format ${cents}`);
  return format.format(literal);
}
