import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { JobCostPanel } from "@/components/business/job-cost-panel";
import { JobDetail } from "@/components/jobs/job-detail";
import { JobFieldsForm } from "@/components/jobs/job-fields-form";
import { RefreshOnEvents } from "@/components/jobs/refresh-on-events";
import { ReprintButton } from "@/components/queue/reprint-button";
import { PageHeader } from "@/components/shell/page-header";
import { Link } from "@/i18n/navigation";
import { getPageUser, openPage } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { jobMonthClosed } from "@/lib/business/costing/cost-panel";
import { jobNote } from "@/lib/business/job-fields/job-fields";
import { searchParam, type SearchParams } from "@/lib/http/search-params";
import { reprintSource } from "@/lib/jobs/reprint";
import { getJob } from "@/lib/jobs/repository";
import { readSamples } from "@/lib/printers/samples";
import { sampleRanges } from "@/lib/printers/schemas";

type Props = { params: Promise<{ locale: string; id: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props) {
  const { id } = await params;
  const t = await getTranslations("jobs");
  const job = await getJob(id).catch(() => null);
  return { title: job ? job.name : t("title") };
}

/** The temperatures while the job ran: the smallest history range that covers it, cut to the job's span. */
async function temperaturesDuring(printerId: string, startedAt: Date, endedAt: Date) {
  const span = endedAt.getTime() - startedAt.getTime();
  const range = (Object.keys(sampleRanges) as (keyof typeof sampleRanges)[]).find((r) => sampleRanges[r] >= span) ?? "7d";
  const { samples } = await readSamples(printerId, range, endedAt);
  return samples
    .map((s) => ({ ...s, t: new Date(s.at).getTime() }))
    .filter((s) => s.t >= startedAt.getTime() - 60_000 && s.t <= endedAt.getTime() + 60_000)
    .map(({ t, nozzle, nozzleTarget, bed, bedTarget, chamber }) => ({ t, nozzle, nozzleTarget, bed, bedTarget, chamber }));
}

export default async function JobPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { t } = await openPage(params, "jobs", { permission: "jobs:read" });
  const job = await getJob(id).catch(() => null);
  if (!job) notFound();
  const points = await temperaturesDuring(job.printerId, new Date(job.startedAt), job.endedAt ? new Date(job.endedAt) : new Date());
  const user = await getPageUser();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/jobs" className="text-brand-700 hover:underline dark:text-brand-100">
          ← {t("backToList")}
        </Link>
      </p>
      <PageHeader
        title={job.name}
        description={t("detail.description", { printer: job.printerName })}
        actions={
          user && can(user.role, "queue:manage") && job.endedAt ? (
            <ReprintButton
              source={await reprintSource(job)}
              printerId={job.printerId}
              canSeeCustomer={can(user.role, "jobs:customer")}
              open={searchParam(await searchParams, "reprint") === "1"}
            />
          ) : null
        }
      />
      {job.endedAt ? null : <RefreshOnEvents types={["job.state", "job.finished", "printer.state"]} printerId={job.printerId} />}
      <JobDetail job={job} points={points} />
      {user && can(user.role, "business:edit") ? (
        <JobFieldsForm
          jobId={job.id}
          customer={job.customer}
          orderReference={job.orderReference}
          businessUse={job.businessUse}
          note={await jobNote(job.id)}
          monthClosed={await jobMonthClosed(job.id)}
        />
      ) : null}
      <JobCostPanel jobId={job.id} />
    </>
  );
}
