import { getTranslations } from "next-intl/server";
import { jobStatuses } from "@/lib/jobs/machine";

const control = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

/**
 * A plain GET form: the filters live in the address (shareable, back button works) and
 * the server does the filtering and paging; it works before any script has loaded.
 */
export async function JobsFilters({
  printers,
  values,
  invalidDates,
}: {
  printers: { id: string; name: string }[];
  values: { printerId: string; status: string; use: string; from: string; to: string };
  invalidDates: boolean;
}) {
  const t = await getTranslations("jobs");
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3" data-testid="jobs-filters" aria-label={t("filters")}>
      <label className="text-sm">
        <span className="block text-xs font-medium text-slate-600 dark:text-slate-400">{t("columns.printer")}</span>
        <select name="printerId" defaultValue={values.printerId} className={control} data-testid="jobs-filter-printer">
          <option value="">{t("allPrinters")}</option>
          {printers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-xs font-medium text-slate-600 dark:text-slate-400">{t("columns.status")}</span>
        <select name="status" defaultValue={values.status} className={control} data-testid="jobs-filter-status">
          <option value="">{t("allStatuses")}</option>
          {jobStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-xs font-medium text-slate-600 dark:text-slate-400">{t("use.label")}</span>
        <select name="use" defaultValue={values.use} className={control} data-testid="jobs-filter-use">
          <option value="">{t("use.all")}</option>
          <option value="business">{t("use.business")}</option>
          <option value="private">{t("use.private")}</option>
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-xs font-medium text-slate-600 dark:text-slate-400">{t("from")}</span>
        <input type="text" name="from" defaultValue={values.from} className={`${control} w-32`} inputMode="numeric" placeholder={t("datePlaceholder")} data-testid="jobs-filter-from" />
      </label>
      <label className="text-sm">
        <span className="block text-xs font-medium text-slate-600 dark:text-slate-400">{t("to")}</span>
        <input type="text" name="to" defaultValue={values.to} className={`${control} w-32`} inputMode="numeric" placeholder={t("datePlaceholder")} data-testid="jobs-filter-to" />
      </label>
      {invalidDates ? (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-300">
          {t("invalidDate")}
        </p>
      ) : null}
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        {t("apply")}
      </button>
    </form>
  );
}
