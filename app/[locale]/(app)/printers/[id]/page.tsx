import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PrinterFilesSection } from "@/components/files/printer-files-section";
import { RecentJobs } from "@/components/jobs/recent-jobs";
import { PrinterPageLive } from "@/components/printers/printer-page-live";
import { PageHeader } from "@/components/shell/page-header";
import { Link } from "@/i18n/navigation";
import { ApiError } from "@/lib/api/errors";
import { openPage } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { openJobStarts } from "@/lib/jobs/open-starts";
import { listJobs } from "@/lib/jobs/repository";
import { currentFilesOf, thumbnailsOf } from "@/lib/jobs/thumbnails";
import { getPrinter } from "@/lib/printers/repository";
import type { PrinterView } from "@/lib/printers/schemas";

type Props = { params: Promise<{ locale: string; id: string }> };

const RECENT_JOBS = 10;

async function load(id: string): Promise<PrinterView> {
  try {
    return await getPrinter(id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props) {
  const { id } = await params;
  const t = await getTranslations("printers");
  const printer = await getPrinter(id).catch(() => null);
  return { title: printer ? printer.name : t("title") };
}

export default async function PrinterPage({ params }: Props) {
  const { id } = await params;
  const { user, t } = await openPage(params, "printers", { permission: "printers:read" });
  const printer = await load(id);
  const [jobs, thumbnails, jobStarts] = await Promise.all([
    listJobs({ printerId: id, page: 1, pageSize: RECENT_JOBS }),
    thumbnailsOf(currentFilesOf([printer])),
    openJobStarts([id]),
  ]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/printers" className="text-brand-700 hover:underline dark:text-brand-100">
          ← {t("backToList")}
        </Link>
      </p>
      <PageHeader
        title={printer.name}
        description={[printer.model, t(`kinds.${printer.kind}`), printer.location].filter(Boolean).join(" · ")}
      />
      <PrinterPageLive printer={printer} thumbnails={thumbnails} jobStarts={jobStarts} canControl={can(user.role, "printers:control")} canManage={can(user.role, "printers:manage")}>
        <section aria-labelledby="recent-jobs" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <div className="mb-3 flex items-center justify-between">
            <h2 id="recent-jobs" className="text-lg font-semibold">
              {t("recentJobs")}
            </h2>
            <Link href={`/jobs?printerId=${id}`} className="text-sm text-brand-700 hover:underline dark:text-brand-100">
              {t("allJobs")}
            </Link>
          </div>
          <RecentJobs printerId={id} initial={jobs.jobs} pageSize={RECENT_JOBS} />
        </section>
        {can(user.role, "files:read") ? (
          <PrinterFilesSection
            printer={printer}
            canManage={can(user.role, "files:manage")}
            canQueue={can(user.role, "queue:manage")}
            canSeeCustomer={can(user.role, "jobs:customer")}
          />
        ) : null}
      </PrinterPageLive>
    </>
  );
}
