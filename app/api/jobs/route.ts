import { withApi } from "@/lib/auth/with-api";
import { jobsList } from "@/lib/jobs/api-routes";
import { listJobs } from "@/lib/jobs/repository";

export const GET = withApi(async ({ query }) => listJobs(query), jobsList);
