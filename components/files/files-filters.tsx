import { getTranslations } from "next-intl/server";
import { fileSorts, fileStatuses, fileTypes } from "@/lib/files/schemas";

const control = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
const labelText = "block text-xs font-medium text-slate-600 dark:text-slate-400";

export interface FilesFilterValues {
  printer: string;
  status: string;
  type: string;
  q: string;
  sort: string;
}

/** A plain GET form: filters live in the address and the server filters, sorts and pages. */
export async function FilesFilters({ printers, values }: { printers: { id: string; name: string }[]; values: FilesFilterValues }) {
  const t = await getTranslations("files");
  return (
    <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3" data-testid="files-filters" aria-label={t("filters")}>
      <label className="text-sm">
        <span className={labelText}>{t("search")}</span>
        <input type="search" name="q" defaultValue={values.q} placeholder={t("searchPlaceholder")} className={control} data-testid="files-filter-q" />
      </label>
      <label className="text-sm">
        <span className={labelText}>{t("columns.printer")}</span>
        <select name="printer" defaultValue={values.printer} className={control}>
          <option value="">{t("allPrinters")}</option>
          {printers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className={labelText}>{t("columns.status")}</span>
        <select name="status" defaultValue={values.status} className={control} data-testid="files-filter-status">
          <option value="">{t("allStatuses")}</option>
          {fileStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className={labelText}>{t("typeLabel")}</span>
        <select name="type" defaultValue={values.type} className={control}>
          <option value="">{t("allTypes")}</option>
          {fileTypes.map((type) => (
            <option key={type} value={type}>
              {t(`types.${type === "gcode.3mf" ? "gcode3mf" : type}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className={labelText}>{t("sortLabel")}</span>
        <select name="sort" defaultValue={values.sort} className={control}>
          {fileSorts.map((s) => (
            <option key={s} value={s}>
              {t(`sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        {t("apply")}
      </button>
    </form>
  );
}
