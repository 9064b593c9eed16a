import { withApi } from "@/lib/api/handler";
import { jobsList } from "@/lib/jobs/api-routes";
import { listJobs } from "@/lib/jobs/repository";

export const GET = withApi(async ({ query }) => listJobs(query), jobsList);
