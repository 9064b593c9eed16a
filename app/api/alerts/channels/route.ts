import { alertsChannelSave, alertsChannelsGet } from "@/lib/alerts/api-routes";
import { channelsView, updateChannel } from "@/lib/alerts/channels-api";
import { actorOf } from "@/lib/auth/actor";
import { withApi } from "@/lib/auth/with-api";

export const GET = withApi(async () => channelsView(), alertsChannelsGet);

export const PUT = withApi(async ({ user, body, ip }) => updateChannel(body, { actor: actorOf(user), userId: user.id, ip }), alertsChannelSave);
