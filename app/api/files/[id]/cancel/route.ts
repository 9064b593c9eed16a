import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { cancelDownload } from "@/lib/files/actions";
import { filesCancel } from "@/lib/files/api-routes";

export const POST = withApi(async ({ params, user, ip }) => cancelDownload(params.id, { actor: actorOf(user), userId: user.id, ip }), filesCancel);
