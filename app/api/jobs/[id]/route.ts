import { withApi } from "@/lib/auth/with-api";
import { jobsGet } from "@/lib/jobs/api-routes";
import { getJob } from "@/lib/jobs/repository";

export const GET = withApi(async ({ params }) => getJob(params.id), jobsGet);
