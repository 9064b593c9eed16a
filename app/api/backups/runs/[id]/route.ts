import { withApi } from "@/lib/auth/with-api";
import { backupRunStatus } from "@/lib/backup/actions";
import { backupRunGet } from "@/lib/backup/api-routes";

export const GET = withApi(async ({ params }) => backupRunStatus(params.id), backupRunGet);
