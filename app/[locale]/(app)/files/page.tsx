import { FilesFilters } from "@/components/files/files-filters";
import { Pagination } from "@/components/shell/pagination";
import { FilesTable } from "@/components/files/files-table";
import { HousekeepingPreview } from "@/components/files/housekeeping-preview";
import { SyncButtons } from "@/components/files/sync-buttons";
import { UploadZone } from "@/components/files/upload-zone";
import { PageHeader } from "@/components/shell/page-header";
import { openPage, pageTitle } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { planHousekeeping } from "@/lib/files/housekeeping-plan";
import { listFiles } from "@/lib/files/list";
import { uploadLimits } from "@/lib/files/config";
import { fileListQuerySchema } from "@/lib/files/schemas";
import { filesConfig } from "@/lib/files/settings";
import { searchParam, type SearchParams } from "@/lib/http/search-params";
import { listPrinters } from "@/lib/printers/repository";

export const generateMetadata = pageTitle("files");

export default async function FilesPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { user, t } = await openPage(params, "files", { permission: "files:read" });
  const search = await searchParams;
  const values = {
    printer: searchParam(search, "printer"),
    status: searchParam(search, "status"),
    type: searchParam(search, "type"),
    q: searchParam(search, "q"),
    from: searchParam(search, "from"),
    to: searchParam(search, "to"),
    sort: searchParam(search, "sort"),
  };
  const parsed = fileListQuerySchema.safeParse({
    ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== "")),
    page: searchParam(search, "page") || undefined,
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
      {canManage ? <UploadZone maxBytes={uploadLimits().maxBytes} /> : null}
      <FilesFilters printers={printerOptions} values={{ ...values, sort: query.sort }} />
      <div className="rounded-xl border border-slate-200 bg-white p-2 dark:border-slate-800 dark:bg-slate-900">
        <FilesTable files={result.files} canManage={canManage} canDownload={can(user.role, "files:download")} />
      </div>
      <Pagination messages="files" pathname="/files" params={kept} page={result.page} pageSize={result.pageSize} total={result.total} />
      {canManage ? <HousekeepingPreview plan={await planHousekeeping(config)} intervalMs={config.housekeepingMs} /> : null}
    </>
  );
}
