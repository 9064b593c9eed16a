/**
 * JSON as the printers put it on the wire. Buddy firmware prints floats with a fixed
 * number of decimals ("nozzle_diameter": 0.40, "temp_bed": 20.0) and the Pi's Python
 * prints 215.0 rather than 215; JSON.stringify would lose both, and clients should be
 * tested against the real bytes.
 */
export class WireNumber {
  constructor(
    readonly value: number,
    readonly text: string,
  ) {}
}

export type WireValue =
  | string
  | number
  | boolean
  | null
  | WireNumber
  | WireValue[]
  | { [key: string]: WireValue | undefined };

/** A float with a fixed number of decimals, like the firmware's JSON_FIELD_FFIXED. */
export function fixed(value: number, decimals: number): WireNumber {
  return new WireNumber(value, value.toFixed(decimals));
}

/** A float as Python's json module writes it: shortest form, always with a decimal point. */
export function pyFloat(value: number): WireNumber {
  const text = String(value);
  return new WireNumber(value, /[.eE]/.test(text) ? text : `${text}.0`);
}

export function toWireJson(value: WireValue): string {
  if (value === null) return "null";
  if (value instanceof WireNumber) return Number.isFinite(value.value) ? value.text : "null";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(toWireJson).join(",")}]`;
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${toWireJson(item)}`);
  }
  return `{${parts.join(",")}}`;
}
