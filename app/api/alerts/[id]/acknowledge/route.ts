import { withApi } from "@/lib/auth/with-api";
import { alertsAcknowledge } from "@/lib/alerts/api-routes";
import { acknowledgeAlert } from "@/lib/alerts/store";
import { actorOf } from "@/lib/auth/actor";

export const POST = withApi(
  async ({ user, params, ip }) => acknowledgeAlert(params.id, { actor: actorOf(user), userId: user.id, ip }),
  alertsAcknowledge,
);
