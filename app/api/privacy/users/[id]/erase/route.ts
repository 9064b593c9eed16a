import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { privacyErase } from "@/lib/compliance/api-routes";
import { erasePerson } from "@/lib/compliance/privacy";

export const POST = withApi(async ({ user, params, ip }) => erasePerson(params.id, { actor: actorOf(user), ip }), privacyErase);
