import { actorOf } from "@/lib/auth/actor";
import { userCan } from "@/lib/auth/current-user";
import { withApi } from "@/lib/auth/with-api";
import { queueDelete, queueUpdate } from "@/lib/queue/api-routes";
import { deleteQueueItem, updateQueueItem } from "@/lib/queue/repository";
import { requestQueueLocale } from "@/lib/queue/text";

export const PATCH = withApi(
  async ({ req, user, params, body, ip }) => ({
    item: await updateQueueItem(params.id, body, { actor: actorOf(user), userId: user.id, ip }, { locale: requestQueueLocale(req.headers, user.locale), seesCustomer: userCan(user, "jobs:customer") }),
  }),
  queueUpdate,
);

export const DELETE = withApi(async ({ user, params, ip }) => {
  await deleteQueueItem(params.id, { actor: actorOf(user), userId: user.id, ip });
  return { deleted: true as const };
}, queueDelete);
