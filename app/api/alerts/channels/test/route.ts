import { alertsChannelTest } from "@/lib/alerts/api-routes";
import { testChannel } from "@/lib/alerts/channels-api";
import { actorOf } from "@/lib/auth/actor";
import { withApi } from "@/lib/auth/with-api";

export const POST = withApi(async ({ user, body, ip }) => testChannel(body, { actor: actorOf(user), userId: user.id, ip }), alertsChannelTest);
