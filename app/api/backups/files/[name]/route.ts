import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { downloadBackup } from "@/lib/backup/actions";
import { backupDownload } from "@/lib/backup/api-routes";

export const GET = withApi(async ({ params, user, ip }) => downloadBackup(params.name, { actor: actorOf(user), ip }), backupDownload);
