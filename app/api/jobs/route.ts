import { userCan } from "@/lib/auth/current-user";
import { withApi } from "@/lib/auth/with-api";
import { jobsList } from "@/lib/jobs/api-routes";
import { listJobs } from "@/lib/jobs/repository";
import { jobForViewer } from "@/lib/jobs/visibility";

export const GET = withApi(async ({ query, user }) => {
  const result = await listJobs(query);
  const seesCustomer = userCan(user, "jobs:customer");
  return { ...result, jobs: result.jobs.map((job) => jobForViewer(job, seesCustomer)) };
}, jobsList);
