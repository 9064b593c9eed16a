import { z } from "zod";

const DAY_MS = 86_400_000;

/** Longest period one export may cover (PRINTERNIZER_EXPORT_MAX_DAYS, default 400: a year and its closing month). */
export function exportMaxDays(source: Record<string, string | undefined> = process.env): number {
  return z.coerce.number().int().min(1).default(400).parse(source.PRINTERNIZER_EXPORT_MAX_DAYS);
}

/** `from`..`to` (inclusive Berlin days) of a CSV or DATEV export. */
export const exportRangeShape = { from: z.iso.date(), to: z.iso.date() };

/** Refinement of an export query: the range in order and at most exportMaxDays() long (422 otherwise). */
export function withinExportCap(range: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const days = (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS + 1;
  if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "to must not be before from" });
  const max = exportMaxDays();
  if (days > max) ctx.addIssue({ code: "too_big", origin: "number", maximum: max, inclusive: true, path: ["to"], message: `an export covers at most ${max} days` });
}
