import { JobsFilters } from "@/components/jobs/jobs-filters";
import { JobsTable } from "@/components/jobs/jobs-table";
import { jobForViewer } from "@/lib/jobs/visibility";
import { Pagination } from "@/components/shell/pagination";
import { RefreshOnEvents } from "@/components/jobs/refresh-on-events";
import { PageHeader } from "@/components/shell/page-header";
import { getPageUser, openPage, pageTitle } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { grossCentsOfJobs } from "@/lib/business/costing/cost-panel";
import { berlinDayStart } from "@/lib/format/date";
import { searchParam, type SearchParams } from "@/lib/http/search-params";
import { jobListQuerySchema } from "@/lib/jobs/schemas";
import { listJobs } from "@/lib/jobs/repository";
import { listPrinters } from "@/lib/printers/repository";

export const generateMetadata = pageTitle("jobs");

/** "25.11.2026" or "2026-11-25" → "2026-11-25"; anything else → "". */
function isoDay(value: string): string {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value.trim());
  const iso = german ? `${german[3]}-${german[2].padStart(2, "0")}-${german[1].padStart(2, "0")}` : value.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(Date.parse(`${iso}T12:00:00Z`)) ? iso : "";
}

function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export default async function JobsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { t } = await openPage(params, "jobs", { permission: "jobs:read" });
  const search = await searchParams;
  const values = {
    printerId: searchParam(search, "printerId"),
    status: searchParam(search, "status"),
    use: searchParam(search, "use"),
    customer: searchParam(search, "customer"),
    from: searchParam(search, "from"),
    to: searchParam(search, "to"),
  };
  const fromDay = isoDay(values.from);
  const toDay = isoDay(values.to);
  // The date inputs are Berlin calendar days; "to" includes its whole day.
  const parsed = jobListQuerySchema.safeParse({
    printerId: values.printerId || undefined,
    status: values.status || undefined,
    use: values.use || undefined,
    customer: values.customer.trim() || undefined,
    sort: searchParam(search, "sort") || undefined,
    order: searchParam(search, "order") || undefined,
    from: fromDay ? berlinDayStart(fromDay).toISOString() : undefined,
    to: toDay ? berlinDayStart(nextDay(toDay)).toISOString() : undefined,
    page: searchParam(search, "page") || undefined,
    pageSize: 25,
  });
  const query = parsed.success ? parsed.data : jobListQuerySchema.parse({ pageSize: 25 });
  const [result, printers, user] = await Promise.all([listJobs(query), listPrinters(), getPageUser()]);
  // Prices are business figures: the cost column only for those who may read the business.
  const grossCents =
    user && can(user.role, "business:read") ? Object.fromEntries(await grossCentsOfJobs(result.jobs.map((job) => job.id))) : undefined;
  const seesCustomer = user !== null && can(user.role, "jobs:customer");
  const jobs = result.jobs.map((job) => jobForViewer(job, seesCustomer));
  const kept = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== "").map(([k, v]) => [k, v.slice(0, 64)]));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <RefreshOnEvents types={["job.started", "job.finished"]} />
      <JobsFilters
        printers={printers.map((p) => ({ id: p.id, name: p.name }))}
        values={{ ...values, from: values.from.slice(0, 10), to: values.to.slice(0, 10) }}
        invalidDates={(values.from !== "" && !fromDay) || (values.to !== "" && !toDay)}
      />
      <div className="rounded-xl border border-slate-200 bg-white p-2 dark:border-slate-800 dark:bg-slate-900">
        <JobsTable jobs={jobs} caption={t("title")} sorting={{ sort: query.sort, order: query.order, params: kept }} grossCents={grossCents} showCustomer={seesCustomer} reprint={user !== null && can(user.role, "queue:manage")} />
      </div>
      <Pagination messages="jobs" pathname="/jobs" params={{ ...kept, sort: query.sort, order: query.order }} page={result.page} pageSize={result.pageSize} total={result.total} />
    </>
  );
}
