import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { queueDownload } from "@/lib/files/actions";
import { filesDownload } from "@/lib/files/api-routes";

export const POST = withApi(async ({ params, user, ip }) => queueDownload(params.id, { actor: actorOf(user), userId: user.id, ip }), filesDownload);
