import { withApi } from "@/lib/api/handler";
import { actorOf } from "@/lib/auth/actor";
import { queueDownloads } from "@/lib/files/actions";
import { filesDownload } from "@/lib/files/api-routes";

export const POST = withApi(async ({ params, user, ip }) => queueDownloads([params.id], { actor: actorOf(user), userId: user.id, ip }), filesDownload);
