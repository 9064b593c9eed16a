import { defineRoute } from "@/lib/api/route-spec";
import {
  createQueueItemResponseSchema,
  createQueueItemSchema,
  deleteQueueItemResponseSchema,
  queueIdParamsSchema,
  queueItemResponseSchema,
  queueListQuerySchema,
  queueListSchema,
  queuePauseResponseSchema,
  queuePauseSchema,
  updateQueueItemSchema,
} from "./schemas";

/** The print queue's API operations; route handlers in app/api pass these to withApi. */

export const queueList = defineRoute({
  permission: "queue:read",
  query: queueListQuerySchema,
  response: queueListSchema,
  openapi: {
    method: "GET",
    path: "/api/queue",
    summary: "The print queue in order, with fit, estimates and failures",
    description:
      "Open items (queued, paused, waiting_for_bed, dispatching, printing) in dispatch order, then items that ended " +
      "within the last day (`scope=all`: every ended item, at most 500). `fit` says whether an allowed printer fits the " +
      "file and why the others do not; `failure` why the last dispatch failed. Reasons are in the caller's language. " +
      "Customer and order reference are null without `jobs:customer` (viewers).",
    tags: ["queue"],
  },
});

export const queueCreate = defineRoute({
  permission: "queue:manage",
  body: createQueueItemSchema,
  response: createQueueItemResponseSchema,
  openapi: {
    method: "POST",
    path: "/api/queue",
    summary: "Queue a file (one item per copy)",
    description:
      "`fileId` is any id from GET /api/files. Without `printerId` the item goes to any printer that fits (of `model` " +
      "when given). With `copies` > 1 one item per copy is created, sharing a `batchId`: `items` lists all of them, `item` " +
      "is the first. 422 when the file cannot be printed at all (a 3MF project that is not sliced, a missing plate); a " +
      "file that fits no printer now is queued and its `fit` says why.",
    tags: ["queue"],
    successStatus: 201,
  },
});

export const queuePause = defineRoute({
  permission: "queue:manage",
  body: queuePauseSchema,
  response: queuePauseResponseSchema,
  openapi: { method: "PATCH", path: "/api/queue", summary: "Pause or resume the whole queue", tags: ["queue"] },
});

export const queueUpdate = defineRoute({
  permission: "queue:manage",
  params: queueIdParamsSchema,
  body: updateQueueItemSchema,
  response: queueItemResponseSchema,
  openapi: {
    method: "PATCH",
    path: "/api/queue/{id}",
    summary: "Move, retarget, pause, resume, cancel or retry a queue item",
    description:
      "`position` (1-based) or `before` (an item id, null = the end) moves it; `printerId`/`model` retarget it (null = any " +
      "printer); `paused` holds or releases it; `status: \"cancelled\"` cancels it; `retry: true` puts a failed item back and " +
      "allows the printers it skipped again. 409 `queue_item_active` while the worker sends or prints it.",
    tags: ["queue"],
    errors: ["conflict", "queue_item_active"],
  },
});

export const queueDelete = defineRoute({
  permission: "queue:manage",
  params: queueIdParamsSchema,
  response: deleteQueueItemResponseSchema,
  openapi: {
    method: "DELETE",
    path: "/api/queue/{id}",
    summary: "Remove a queue item",
    description: "409 `queue_item_active` while the worker sends or prints it.",
    tags: ["queue"],
    errors: ["queue_item_active"],
  },
});

export const queueApiRoutes = [queueList, queueCreate, queuePause, queueUpdate, queueDelete];
