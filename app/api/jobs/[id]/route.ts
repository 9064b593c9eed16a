import { userCan } from "@/lib/auth/current-user";
import { withApi } from "@/lib/auth/with-api";
import { jobsGet } from "@/lib/jobs/api-routes";
import { getJob } from "@/lib/jobs/repository";
import { jobForViewer } from "@/lib/jobs/visibility";

export const GET = withApi(async ({ params, user }) => jobForViewer(await getJob(params.id), userCan(user, "jobs:customer")), jobsGet);
