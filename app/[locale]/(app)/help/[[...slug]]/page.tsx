import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ApiViewer } from "@/components/help/api-viewer";
import { HelpContents } from "@/components/help/help-contents";
import { MarkdownPage } from "@/components/help/markdown-page";
import { openPage } from "@/lib/auth/page";
import { docLocales, listPages, readPage, type DocLocale } from "@/lib/docs/pages";

/** The page of the manuals that embeds the OpenAPI viewer below its text. */
const apiReferencePage = "reference/api";

function docLocale(locale: string): DocLocale {
  return (docLocales as readonly string[]).includes(locale) ? (locale as DocLocale) : "de";
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string; slug?: string[] }> }) {
  const { locale, slug = [] } = await params;
  const page = readPage(docLocale(locale), slug);
  const t = await getTranslations({ locale, namespace: "help" });
  return { title: page ? `${page.title} · ${t("title")}` : t("title") };
}

export default async function HelpPage({ params }: { params: Promise<{ locale: string; slug?: string[] }> }) {
  const { slug = [] } = await params;
  const { locale, t } = await openPage(params, "help");
  const language = docLocale(locale);
  const page = readPage(language, slug);
  if (!page) notFound();
  return (
    <div className="flex flex-col gap-6 lg:flex-row lg:items-start">
      <HelpContents pages={listPages(language)} current={page.path} headings={page.headings} labels={{ manuals: t("contents"), onThisPage: t("onThisPage") }} />
      <article className="min-w-0 max-w-4xl flex-1" data-testid="help-article">
        <MarkdownPage markdown={page.markdown} locale={language} pagePath={page.path} />
        {page.path === apiReferencePage ? <ApiViewer label={t("apiViewer")} /> : null}
      </article>
    </div>
  );
}
