import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { queueDownloads } from "@/lib/files/actions";
import { filesBulkDownload } from "@/lib/files/api-routes";

export const POST = withApi(async ({ body, user, ip }) => queueDownloads(body.ids, { actor: actorOf(user), userId: user.id, ip }), filesBulkDownload);
