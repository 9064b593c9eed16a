import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { Link } from "@/i18n/navigation";
import { legalText, type LegalPage } from "@/lib/compliance/legal-content";
import { LegalLinks } from "./legal-links";
import { LegalText } from "./legal-text";

/** A public legal page: no sign-in, the admin's text (or the template), and the cookie notice on the privacy page. */
export async function LegalPageView({ page, locale }: { page: LegalPage; locale: "de" | "en" }) {
  const t = await getTranslations("legal");
  const { text, isTemplate } = await legalText(page, locale);
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <div className="mb-6 flex items-center justify-between">
        <Link href="/" className="text-xl font-bold tracking-tight text-brand-700 dark:text-brand-100">
          <span aria-hidden="true">◆ </span>Printernizer
        </Link>
        <LanguageSwitch />
      </div>
      <article className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-testid={`legal-${page}`}>
        <h1 className="mb-4 text-2xl font-semibold">{t(page)}</h1>
        {isTemplate ? (
          <p className="mb-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100" role="note">
            {t("template")}{" "}
            <Link href="/settings/business#legal" className="font-medium underline" data-testid="legal-edit-link">
              {t("editLink")}
            </Link>
          </p>
        ) : null}
        <LegalText text={text} />
        {page === "datenschutz" ? (
          <section className="mt-6" id="cookies" data-testid="cookie-notice">
            <h2 className="mb-2 text-lg font-semibold">{t("cookies")}</h2>
            <p className="text-sm">{t("cookieNotice")}</p>
          </section>
        ) : null}
      </article>
      <footer className="mt-6 text-xs text-slate-500 dark:text-slate-400">
        <LegalLinks />
      </footer>
    </main>
  );
}
