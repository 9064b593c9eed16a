const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

/** "1.234,5" */
export function formatNumber(locale: string, value: number, maximumFractionDigits = 1): string {
  return formatter(locale, { maximumFractionDigits }).format(value);
}

/** "1.234,50": always `digits` decimals, for amounts. */
export function formatFixed(locale: string, value: number, digits: number): string {
  return formatter(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** "212,5 °C"; "–" when the printer does not report the value. */
export function formatTemperature(locale: string, value: number | null): string {
  return value === null ? "–" : `${formatter(locale, { maximumFractionDigits: 1 }).format(value)} °C`;
}

/** "45 %" in German, "45%" in English. */
export function formatPercent(locale: string, value: number | null): string {
  return value === null ? "–" : formatter(locale, { style: "percent", maximumFractionDigits: 0 }).format(value / 100);
}

/** "12,3 g" */
export function formatGrams(locale: string, value: number | null): string {
  return value === null ? "–" : `${formatter(locale, { maximumFractionDigits: 1 }).format(value)} g`;
}

function isDecimalLiteral(text: string): text is Intl.StringNumericLiteral {
  return /^-?\d+(\.\d+)?$/.test(text);
}

/**
 * An exact decimal string ("34.12", "0.955") in the locale's writing ("34,12"), with at
 * least `minimumFractionDigits`; the string reaches Intl as is, so no digit is lost to a float.
 */
export function formatDecimalText(locale: string, text: string, minimumFractionDigits = 0, unit?: "EUR"): string {
  if (!isDecimalLiteral(text)) throw new RangeError(`not a decimal: ${text}`);
  const options: Intl.NumberFormatOptions = { minimumFractionDigits, maximumFractionDigits: 20, ...(unit ? { style: "currency", currency: unit } : {}) };
  return formatter(locale === "en" ? "en" : "de-DE", options).format(text);
}
