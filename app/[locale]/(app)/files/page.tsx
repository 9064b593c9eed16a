import { getTranslations, setRequestLocale } from "next-intl/server";
import { FilesFilters } from "@/components/files/files-filters";
import { Pagination } from "@/components/shell/pagination";
import { FilesTable } from "@/components/files/files-table";
import { HousekeepingPreview } from "@/components/files/housekeeping-preview";
import { SyncButtons } from "@/components/files/sync-buttons";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { planHousekeeping } from "@/lib/files/housekeeping-plan";
import { listFiles } from "@/lib/files/list";
import { fileListQuerySchema } from "@/lib/files/schemas";
import { filesConfig } from "@/lib/files/settings";
import { listPrinters } from "@/lib/printers/repository";

export async function generateMetadata() {
  const t = await getTranslations("files");
  return { title: t("title") };
}

function one(value: string | string[] | undefined): string {
  return typeof value === "string" ? value : "";
}

export default async function FilesPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser("files:read");
  const t = await getTranslations("files");
  const search = await searchParams;
  const values = {
    printer: one(search.printer),
    status: one(search.status),
    type: one(search.type),
    q: one(search.q),
    from: one(search.from),
    to: one(search.to),
    sort: one(search.sort),
  };
  const parsed = fileListQuerySchema.safeParse({
    ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== "")),
    page: one(search.page) || undefined,
    pageSize: 50,
  });
  const query = parsed.success ? parsed.data : fileListQuerySchema.parse({ pageSize: 50 });
  const [result, printers] = await Promise.all([listFiles(query), listPrinters()]);
  const printerOptions = printers.map((p) => ({ id: p.id, name: p.name }));
  const canManage = can(user.role, "files:manage");
  const config = filesConfig();
  const kept = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={canManage ? <SyncButtons printers={printerOptions} /> : undefined} />
      <FilesFilters printers={printerOptions} values={{ ...values, sort: query.sort }} />
      <div className="rounded-xl border border-slate-200 bg-white p-2 dark:border-slate-800 dark:bg-slate-900">
        <FilesTable files={result.files} canManage={canManage} canDownload={can(user.role, "files:download")} />
      </div>
      <Pagination messages="files" pathname="/files" params={kept} page={result.page} pageSize={result.pageSize} total={result.total} />
      {canManage ? <HousekeepingPreview plan={await planHousekeeping(config)} intervalMs={config.housekeepingMs} /> : null}
    </>
  );
}
