import { getLocale, getTranslations } from "next-intl/server";
import { formatBytes } from "@/lib/format/bytes";
import type { HousekeepingPlan } from "@/lib/files/housekeeping-plan";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** What housekeeping would do now (the same plan the worker applies) and how often the worker runs it, folded away by default. */
export async function HousekeepingPreview({ plan, intervalMs }: { plan: HousekeepingPlan; intervalMs: number }) {
  const t = await getTranslations("files.housekeeping");
  const locale = await getLocale();
  const bytes = (n: number) => formatBytes(locale, n);
  const deleteBytes = plan.delete.reduce((n, f) => n + f.size, 0);
  const schedule =
    intervalMs % HOUR_MS === 0 ? t("everyHours", { hours: intervalMs / HOUR_MS }) : t("everyMinutes", { minutes: Math.round(intervalMs / MINUTE_MS) });
  return (
    <details className="mt-6 rounded-xl border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900" data-testid="files-housekeeping">
      <summary className="cursor-pointer font-medium">{t("title")}</summary>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-2">
        <dt className="text-slate-600 dark:text-slate-400">{t("stored")}</dt>
        <dd className="tabular-nums">{plan.budgetBytes > 0 ? t("ofBudget", { used: bytes(plan.totalBytes), budget: bytes(plan.budgetBytes) }) : bytes(plan.totalBytes)}</dd>
        <dt className="text-slate-600 dark:text-slate-400">{t("compress")}</dt>
        <dd className="tabular-nums">{t("count", { count: plan.compress.length })}</dd>
        <dt className="text-slate-600 dark:text-slate-400">{t("delete")}</dt>
        <dd className="tabular-nums">{plan.delete.length > 0 ? t("countBytes", { count: plan.delete.length, bytes: bytes(deleteBytes) }) : t("count", { count: 0 })}</dd>
        <dt className="text-slate-600 dark:text-slate-400">{t("protected")}</dt>
        <dd className="tabular-nums">{t("count", { count: plan.protectedCount })}</dd>
        <dt className="text-slate-600 dark:text-slate-400">{t("parts")}</dt>
        <dd className="tabular-nums">{t("count", { count: plan.staleParts.length })}</dd>
      </dl>
      {plan.delete.length > 0 ? (
        <ul className="mt-3 max-h-48 list-disc overflow-auto pl-5 text-xs text-slate-700 dark:text-slate-300">
          {plan.delete.slice(0, 50).map((f) => (
            <li key={f.id}>
              {f.relativePath} · {bytes(f.size)} · {t(`reason.${f.reason}`)}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-3 text-xs text-slate-600 dark:text-slate-400" data-testid="files-housekeeping-note">
        {schedule} {t("note")}
      </p>
    </details>
  );
}
