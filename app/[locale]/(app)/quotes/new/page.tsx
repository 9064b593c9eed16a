import { PageHeader } from "@/components/shell/page-header";
import { QuoteForm } from "@/components/quotes/quote-form";
import { openPage, pageTitle } from "@/lib/auth/page";
import { quotableFiles } from "@/lib/business/quotes/file-source";
import { db } from "@/lib/db";
import type { SearchParams } from "@/lib/http/search-params";

export const generateMetadata = pageTitle("quotes", "newTitle");

export default async function NewQuotePage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<SearchParams> }) {
  const { t } = await openPage(params, "quotes", { permission: "quotes:manage", returnTo: "/quotes/new" });
  const [files, materials, query] = await Promise.all([
    quotableFiles(),
    db.material.findMany({ where: { archivedAt: null }, select: { id: true, type: true, brand: true, color: true, pricePerKgCents: true }, orderBy: [{ type: "asc" }, { brand: "asc" }] }),
    searchParams,
  ]);
  const wanted = typeof query.file === "string" ? query.file : undefined;
  return (
    <>
      <PageHeader title={t("newTitle")} description={t("description")} />
      <QuoteForm
        files={files}
        materials={materials.map((m) => ({ id: m.id, type: m.type, pricePerKgCents: m.pricePerKgCents, label: `${m.brand} ${m.type} ${m.color}`.trim() }))}
        initialFileId={files.some((f) => f.id === wanted) ? wanted : undefined}
      />
    </>
  );
}
