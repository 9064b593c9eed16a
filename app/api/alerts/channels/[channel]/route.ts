import { alertsChannelReset } from "@/lib/alerts/api-routes";
import { resetChannelToEnvironment } from "@/lib/alerts/channels-api";
import { actorOf } from "@/lib/auth/actor";
import { withApi } from "@/lib/auth/with-api";

export const DELETE = withApi(
  async ({ user, params, ip }) => resetChannelToEnvironment(params.channel, { actor: actorOf(user), userId: user.id, ip }),
  alertsChannelReset,
);
