import {
  addDays,
  berlinDateOf,
  berlinToInstant,
  DEFAULT_BUSINESS_HOURS,
  isMaintenanceWindow,
  nextOutsideBusinessHours,
  type BusinessHoursConfig,
} from "@/lib/business/calendar";

/**
 * The next daily backup after `after`: the configured Berlin wall-clock time ("HH:MM"),
 * moved past business hours if the shop happens to be open then. A time skipped by the
 * spring clock change runs at the moment the clock jumps to.
 */
export function nextBackupAt(after: Date, time: string, hours: BusinessHoursConfig = DEFAULT_BUSINESS_HOURS): Date {
  const [hour, minute] = time.split(":").map(Number);
  let day = berlinDateOf(after);
  let candidate = berlinToInstant({ ...day, hour, minute });
  if (candidate <= after) {
    day = addDays(day, 1);
    candidate = berlinToInstant({ ...day, hour, minute });
  }
  return isMaintenanceWindow(candidate, hours) ? candidate : nextOutsideBusinessHours(candidate, hours);
}
