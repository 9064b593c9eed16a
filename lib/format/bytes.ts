import { formatNumber } from "./number";

const units = ["B", "KB", "MB", "GB", "TB"] as const;

/** 1234567 -> "1,2 MB" (de) / "1.2 MB" (en); decimal units, as file managers show them. */
export function formatBytes(locale: string, bytes: number | null): string {
  if (bytes === null) return "–";
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${formatNumber(locale, value, unit === 0 ? 0 : 1)} ${units[unit]}`;
}
