const units = new Map<string, { hour: Intl.NumberFormat; minute: Intl.NumberFormat; day: Intl.NumberFormat }>();

function unitFormatters(locale: string) {
  let u = units.get(locale);
  if (!u) {
    // German narrow units are inconsistent across ICU versions ("1h" next to "23 Min."); short ones are not.
    const display = locale === "de" ? "short" : "narrow";
    const make = (unit: string) => new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: display });
    units.set(locale, (u = { day: make("day"), hour: make("hour"), minute: make("minute") }));
  }
  return u;
}

/** "2 Std., 5 Min." / "2h 5m"; minutes are the finest grain a print time needs. */
export function formatDuration(locale: string, seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "–";
  const total = Math.max(0, Math.round(seconds / 60));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const f = unitFormatters(locale);
  const out: string[] = [];
  if (days) out.push(f.day.format(days));
  if (hours || days) out.push(f.hour.format(hours));
  if (!days) out.push(f.minute.format(minutes));
  return out.join(" ");
}
