import { MAX_TEXT_LENGTH } from "./limits";

/** Turning what a file claims into values the rest of Printernizer can trust. */

/** A finite number in [0, max] from a number or a numeric string, else undefined. */
export function boundedNumber(value: string | number | undefined | null, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = typeof value === "number" ? value : /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(number) && number >= 0 && number <= max ? number : undefined;
}

/** Like boundedNumber, but zero means "not stated" (a layer height, a nozzle). */
export function positiveNumber(value: string | number | undefined | null, max: number): number | undefined {
  const number = boundedNumber(value, max);
  return number === undefined || number === 0 ? undefined : number;
}

/** A positive integer no larger than max ("1", 2), else undefined. */
export function positiveInteger(value: string | number | undefined | null, max: number): number | undefined {
  const number = boundedNumber(value, max);
  return number !== undefined && Number.isInteger(number) && number > 0 ? number : undefined;
}

/** "#00ae42", "00AE42FF", "#00AE42FF" → "#00AE42"; anything else → null. */
export function normalizeColor(value: string | undefined | null): string | null {
  const match = /^\s*#?([0-9a-fA-F]{6})([0-9a-fA-F]{2})?\s*$/.exec(value ?? "");
  return match ? `#${match[1].toUpperCase()}` : null;
}

/** Display text from a file: no control characters, bounded length, empty → undefined. */
export function cleanText(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.replace(/\p{Cc}/gu, " ").trim().slice(0, MAX_TEXT_LENGTH).trim();
  return text.length > 0 ? text : undefined;
}

export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Sum of the defined values, or undefined when none is defined. */
export function sumDefined(values: readonly (number | undefined)[]): number | undefined {
  const defined = values.filter((value): value is number => value !== undefined);
  return defined.length > 0 ? defined.reduce((sum, value) => sum + value, 0) : undefined;
}
