import { getTranslations } from "next-intl/server";
import { FilterBar, FilterInput, FilterSelect } from "@/components/shell/filter-bar";
import { fileSorts, fileStatuses, fileTypes } from "@/lib/files/schemas";
import { OmitEmptyParams } from "./omit-empty-params";

export interface FilesFilterValues {
  printer: string;
  status: string;
  type: string;
  q: string;
  /** ISO dates (Berlin days) of the file's date, both included. */
  from: string;
  to: string;
  sort: string;
}

/** Files by name or path, printer, status, type and date, in the chosen order. */
export async function FilesFilters({ printers, values }: { printers: { id: string; name: string }[]; values: FilesFilterValues }) {
  const t = await getTranslations("files");
  return (
    <FilterBar label={t("filters")} submitLabel={t("apply")} search testId="files-filters">
      <FilterInput label={t("search")} type="search" name="q" defaultValue={values.q} placeholder={t("searchPlaceholder")} testId="files-filter-q" />
      <FilterSelect label={t("columns.printer")} name="printer" defaultValue={values.printer} all={t("allPrinters")} options={printers.map((p) => ({ value: p.id, label: p.name }))} />
      <FilterSelect
        label={t("columns.status")}
        name="status"
        defaultValue={values.status}
        all={t("allStatuses")}
        options={fileStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        testId="files-filter-status"
      />
      <FilterSelect
        label={t("typeLabel")}
        name="type"
        defaultValue={values.type}
        all={t("allTypes")}
        options={fileTypes.map((type) => ({ value: type, label: t(`types.${type === "gcode.3mf" ? "gcode3mf" : type}`) }))}
      />
      <FilterInput label={t("dateFrom")} type="date" name="from" defaultValue={values.from} testId="files-filter-from" />
      <FilterInput label={t("dateTo")} type="date" name="to" defaultValue={values.to} testId="files-filter-to" />
      <FilterSelect label={t("sortLabel")} name="sort" defaultValue={values.sort} options={fileSorts.map((s) => ({ value: s, label: t(`sort.${s}`) }))} />
      <OmitEmptyParams />
    </FilterBar>
  );
}
