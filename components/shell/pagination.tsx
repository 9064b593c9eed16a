import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";

/**
 * Previous/next links that keep the other search params. `messages` names the namespace
 * whose `pagination` texts count the list's own items ("3 Dateien", "3 Einträge").
 */
export async function Pagination({
  pathname,
  params,
  page,
  pageSize,
  total,
  messages,
}: {
  pathname: string;
  params: Record<string, string>;
  page: number;
  pageSize: number;
  total: number;
  messages: "jobs" | "files";
}) {
  const t = await getTranslations(`${messages}.pagination`);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => ({ pathname, query: { ...params, page: String(p) } });
  const link = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";
  return (
    <nav aria-label={t("label")} className="mt-4 flex items-center justify-between gap-3 text-sm">
      <p className="text-slate-600 dark:text-slate-400" data-testid="pagination-summary">
        {t("summary", { page, pages, total })}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} className={link} rel="prev">
            {t("previous")}
          </Link>
        ) : null}
        {page < pages ? (
          <Link href={href(page + 1)} className={link} rel="next">
            {t("next")}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
