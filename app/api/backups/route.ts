import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { requestBackup } from "@/lib/backup/actions";
import { backupsGet, backupsRun } from "@/lib/backup/api-routes";
import { backupOverview } from "@/lib/backup/overview";

export const GET = withApi(async () => backupOverview(), backupsGet);
export const POST = withApi(async ({ user, ip }) => requestBackup({ actor: actorOf(user), userId: user.id, ip }), backupsRun);
