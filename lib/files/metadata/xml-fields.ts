import { z } from "zod";
import { boundedNumber, cleanText, normalizeColor, positiveInteger, positiveNumber } from "./sanitize";

/**
 * zod fields for attribute values read from slicer XML/INI: every value arrives as a
 * string (or not at all); broken or absurd values become undefined instead of failing
 * the whole file.
 */

export const textField = z
  .string()
  .optional()
  .transform((value) => cleanText(value));

export const colorField = z
  .string()
  .optional()
  .transform((value) => normalizeColor(value));

export function amountField(max: number) {
  return z
    .string()
    .optional()
    .transform((value) => boundedNumber(value, max));
}

export function sizeField(max: number) {
  return z
    .string()
    .optional()
    .transform((value) => positiveNumber(value, max));
}

export function indexField(max: number) {
  return z
    .string()
    .optional()
    .transform((value) => positiveInteger(value, max));
}
