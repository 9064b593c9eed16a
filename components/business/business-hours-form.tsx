"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, FormMessage } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { weekdayKeys, type BusinessHoursConfig, type WeekdayKey } from "@/lib/business/calendar";
import { saveBusinessHours } from "@/lib/client/use-business-settings";
import { hoursErrors, normalizeClock, normalizeHours, type HoursErrors } from "./business-hours";


const timeClass =
  "w-20 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-center text-sm tabular-nums shadow-sm focus:border-brand-500 " +
  "aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-900";

function ErrorText({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <p id={`hours-${id}`} className="text-xs font-medium text-red-700 dark:text-red-300" data-testid={`hours-error-${id}`}>
      {children}
    </p>
  );
}

/**
 * Opening hours per weekday (several periods a day for a lunch break), checked with the
 * API's schema before sending so each mistake shows beside its field.
 */
export function BusinessHoursForm({ hours: stored }: { hours: BusinessHoursConfig }) {
  const t = useTranslations("business.settings");
  const th = useTranslations("business.settings.hours");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [hours, setHours] = useState(stored);
  const [errors, setErrors] = useState<HoursErrors>({});
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  /** A changed day drops its own errors and the week's; the other days' stay until the next save. */
  const setDay = (day: WeekdayKey, periods: BusinessHoursConfig["week"][WeekdayKey]) => {
    setHours((current) => ({ ...current, week: { ...current.week, [day]: periods } }));
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => key !== "week" && key.split(".")[0] !== day)));
    setMessage(null);
  };
  const setTime = (day: WeekdayKey, index: number, field: "start" | "end", value: string) => {
    if (hours.week[day][index][field] !== value) setDay(day, hours.week[day].map((period, i) => (i === index ? { ...period, [field]: value } : period)));
  };

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const normalized = normalizeHours(hours);
    setHours(normalized);
    const found = hoursErrors(normalized);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setMessage({ kind: "error", text: th("fix") });
      return;
    }
    setSaving(true);
    try {
      setHours(await saveBusinessHours(normalized));
      setMessage({ kind: "success", text: t("saved") });
      router.refresh();
    } catch (err) {
      setMessage({ kind: "error", text: errorMessage(err) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate className="space-y-4" data-testid="business-hours-form">
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">{th("description")}</p>
      <table className="text-sm">
        <tbody>
          {weekdayKeys.map((day) => {
            const dayName = th(`days.${day}`);
            const periods = hours.week[day];
            return (
              <tr key={day} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid={`hours-${day}`}>
                <th scope="row" className="w-32 pb-2 pr-4 pt-3.5 text-left font-medium">
                  {dayName}
                </th>
                <td className="space-y-2 py-2">
                  {periods.length === 0 ? <p className="py-1.5 text-slate-500 dark:text-slate-400">{th("closed")}</p> : null}
                  {periods.map((period, index) => {
                    const n = index + 1;
                    const periodError = errors[`${day}.${index}`];
                    const timeInput = (field: "start" | "end") => {
                      const error = errors[`${day}.${index}.${field}`];
                      return (
                        <input
                          value={period[field]}
                          onChange={(e) => setTime(day, index, field, e.target.value)}
                          onBlur={(e) => setTime(day, index, field, normalizeClock(e.target.value))}
                          aria-label={th(field, { day: dayName, n })}
                          aria-invalid={error || periodError ? true : undefined}
                          aria-describedby={[error ? `hours-${day}.${index}.${field}` : null, periodError ? `hours-${day}.${index}` : null].filter(Boolean).join(" ") || undefined}
                          placeholder={field === "start" ? "08:00" : "18:00"}
                          maxLength={5}
                          autoComplete="off"
                          className={timeClass}
                        />
                      );
                    };
                    const fieldErrors = (["start", "end"] as const).map((field) => [`${day}.${index}.${field}`, errors[`${day}.${index}.${field}`]] as const);
                    return (
                      <div key={index} className="space-y-1">
                        <div className="flex flex-wrap items-center gap-2">
                          {timeInput("start")}
                          <span aria-hidden="true">–</span>
                          {timeInput("end")}
                          <Button variant="secondary" className="px-2 py-1" aria-label={th("remove", { day: dayName, n })} title={th("remove", { day: dayName, n })} onClick={() => setDay(day, periods.filter((_, i) => i !== index))}>
                            ×
                          </Button>
                        </div>
                        {fieldErrors.map(([key, error]) => (error ? <ErrorText key={key} id={key}>{th(`errors.${error}`)}</ErrorText> : null))}
                        {periodError ? <ErrorText id={`${day}.${index}`}>{th(`errors.${periodError}`)}</ErrorText> : null}
                      </div>
                    );
                  })}
                  {errors[day] ? <ErrorText id={day}>{th(`errors.${errors[day]}`)}</ErrorText> : null}
                </td>
                <td className="py-2 pl-4">
                  <Button variant="secondary" className="whitespace-nowrap px-2 py-1" aria-label={th("add", { day: dayName })} onClick={() => setDay(day, [...periods, nextPeriod(periods)])}>
                    {th("addShort")}
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {errors.week ? <ErrorText id="week">{th(`errors.${errors.week}`)}</ErrorText> : null}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={hours.closedOnHolidays}
          onChange={(e) => {
            setHours((current) => ({ ...current, closedOnHolidays: e.target.checked }));
            setMessage(null);
          }}
          data-testid="hours-holidays"
        />
        {th("closedOnHolidays")}
      </label>
      <p className="text-xs text-slate-500 dark:text-slate-400">{th("hint")}</p>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={saving}>
          {th("save")}
        </Button>
        {message ? <FormMessage kind={message.kind} testId="business-hours-message">{message.text}</FormMessage> : null}
      </div>
    </form>
  );
}

/** A new period starts where the day's last one ended (an afternoon after a lunch break), or as a usual working day. */
function nextPeriod(periods: BusinessHoursConfig["week"][WeekdayKey]): { start: string; end: string } {
  const last = periods.at(-1);
  return last ? { start: last.end, end: "" } : { start: "08:00", end: "18:00" };
}
