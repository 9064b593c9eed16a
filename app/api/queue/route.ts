import { actorOf } from "@/lib/auth/actor";
import { userCan } from "@/lib/auth/current-user";
import { withApi } from "@/lib/auth/with-api";
import { queueCreate, queueList, queuePause } from "@/lib/queue/api-routes";
import { addToQueue, listQueue, setQueuePaused } from "@/lib/queue/repository";
import { requestQueueLocale } from "@/lib/queue/text";

export const GET = withApi(
  async ({ req, user, query }) => listQueue(query.scope, { locale: requestQueueLocale(req.headers, user.locale), seesCustomer: userCan(user, "jobs:customer") }),
  queueList,
);

export const POST = withApi(
  async ({ req, user, body, ip }) =>
    addToQueue(body, { actor: actorOf(user), userId: user.id, ip }, { locale: requestQueueLocale(req.headers, user.locale), seesCustomer: userCan(user, "jobs:customer") }),
  queueCreate,
);

export const PATCH = withApi(async ({ user, body, ip }) => setQueuePaused(body.paused, { actor: actorOf(user), userId: user.id, ip }), queuePause);
