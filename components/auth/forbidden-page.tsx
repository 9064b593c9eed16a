import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";

/** What app/[locale]/forbidden.tsx renders when a page calls forbidden() (status 403). */
export async function ForbiddenPage() {
  const t = await getTranslations("auth.forbidden");
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12" data-testid="forbidden-page">
      <div className="max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <p aria-hidden="true" className="text-4xl font-bold text-slate-300 dark:text-slate-700">
          403
        </p>
        <h1 className="mt-2 text-xl font-semibold">{t("title")}</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("body")}</p>
        <Link
          href="/"
          className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("back")}
        </Link>
      </div>
    </main>
  );
}
