import { getTranslations } from "next-intl/server";
import { FilterBar, FilterInput, FilterSelect } from "@/components/shell/filter-bar";
import { jobStatuses } from "@/lib/jobs/machine";

/** Jobs by printer, status, business or private use, customer, and Berlin days typed as people write them. */
export async function JobsFilters({
  printers,
  values,
  invalidDates,
}: {
  printers: { id: string; name: string }[];
  values: { printerId: string; status: string; use: string; customer: string; from: string; to: string };
  invalidDates: boolean;
}) {
  const t = await getTranslations("jobs");
  return (
    <FilterBar label={t("filters")} submitLabel={t("apply")} testId="jobs-filters">
      <FilterSelect
        label={t("columns.printer")}
        name="printerId"
        defaultValue={values.printerId}
        all={t("allPrinters")}
        options={printers.map((p) => ({ value: p.id, label: p.name }))}
        testId="jobs-filter-printer"
      />
      <FilterSelect
        label={t("columns.status")}
        name="status"
        defaultValue={values.status}
        all={t("allStatuses")}
        options={jobStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        testId="jobs-filter-status"
      />
      <FilterSelect
        label={t("use.label")}
        name="use"
        defaultValue={values.use}
        all={t("use.all")}
        options={(["business", "private"] as const).map((use) => ({ value: use, label: t(`use.${use}`) }))}
        testId="jobs-filter-use"
      />
      <FilterInput label={t("columns.customer")} type="text" name="customer" defaultValue={values.customer} className="w-40" testId="jobs-filter-customer" />
      <FilterInput label={t("from")} type="text" name="from" defaultValue={values.from} className="w-32" inputMode="numeric" placeholder={t("datePlaceholder")} testId="jobs-filter-from" />
      <FilterInput label={t("to")} type="text" name="to" defaultValue={values.to} className="w-32" inputMode="numeric" placeholder={t("datePlaceholder")} testId="jobs-filter-to" />
      {invalidDates ? (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-300">
          {t("invalidDate")}
        </p>
      ) : null}
    </FilterBar>
  );
}
