import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { requestSync } from "@/lib/files/actions";
import { filesSync } from "@/lib/files/api-routes";

export const POST = withApi(async ({ params, query, user, ip }) => requestSync(params.id, { actor: actorOf(user), userId: user.id, ip }, query.wait === "1"), filesSync);
