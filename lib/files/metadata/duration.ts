import { MAX_PRINT_SECONDS } from "./limits";

const UNIT_SECONDS: Readonly<Record<string, number>> = { d: 86_400, h: 3_600, m: 60, s: 1 };

/**
 * Slicers' durations ("1h 31m 17s", "19m 58s", "2d 1h 0m 5s") in seconds; undefined
 * when the text is not such a duration or is beyond any real print.
 */
export function parseSlicerDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d{1,9}\s*[dhms]\s*)+$/i.test(trimmed)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)\s*([dhms])/gi)) {
    seconds += Number(amount) * UNIT_SECONDS[unit.toLowerCase()];
  }
  return seconds <= MAX_PRINT_SECONDS ? seconds : undefined;
}
