import { withApi } from "@/lib/api/handler";
import { actorOf } from "@/lib/auth/actor";
import { requestSync } from "@/lib/files/actions";
import { filesSync } from "@/lib/files/api-routes";

export const POST = withApi(async ({ params, user, ip }) => requestSync(params.id, { actor: actorOf(user), userId: user.id, ip }), filesSync);
