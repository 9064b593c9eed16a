"use client";

import useSWR from "swr";
import { bedClearedResponseSchema } from "@/lib/printers/bed-schemas";
import { printerViewSchema } from "@/lib/printers/schemas";
import {
  createQueueItemResponseSchema,
  deleteQueueItemResponseSchema,
  queueItemResponseSchema,
  queueListSchema,
  queuePauseResponseSchema,
  type CreateQueueItemInput,
  type QueueList,
  type UpdateQueueItem,
} from "@/lib/queue/schemas";
import { apiFetch, schemaFetcher } from "./api-fetch";
import { useLiveEvent, useLiveOpened } from "./use-live";

const QUEUE_KEY = "/api/queue";
const itemPath = (id: string) => `${QUEUE_KEY}/${encodeURIComponent(id)}`;
const listFetcher = schemaFetcher(queueListSchema);

/**
 * The open queue (or every item with `scope: "all"`), read again on every queue.changed
 * and printer.bed event (a cleared bed moves estimates) and after the stream reconnects.
 * The mutations below revalidate it themselves too, so a change shows without waiting for its event.
 */
export function useQueue(fallback?: QueueList, scope: "open" | "all" = "open") {
  const key = scope === "open" ? QUEUE_KEY : `${QUEUE_KEY}?scope=all`;
  const { data, error, mutate } = useSWR(key, listFetcher, { fallbackData: fallback, revalidateOnMount: !fallback });
  const refresh = () => void mutate();
  useLiveEvent("queue.changed", refresh);
  useLiveEvent("printer.bed", refresh);
  useLiveOpened(refresh, "reconnecting");
  const after =
    <A extends unknown[], R>(action: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await action(...args);
      await mutate();
      return result;
    };
  return {
    queue: data,
    error,
    refresh,
    addToQueue: after(addToQueue),
    updateQueueItem: after(updateQueueItem),
    deleteQueueItem: after(deleteQueueItem),
    setQueuePaused: after(setQueuePaused),
  };
}

/** Puts a file into the queue; with `copies` > 1 one item per copy (`items`), sharing a batch id. */
export function addToQueue(body: CreateQueueItemInput) {
  return apiFetch(QUEUE_KEY, createQueueItemResponseSchema, { method: "POST", body });
}

/** Moves (`position` or `before`), retargets, pauses/resumes, cancels or retries one item. */
export function updateQueueItem(id: string, patch: UpdateQueueItem) {
  return apiFetch(itemPath(id), queueItemResponseSchema, { method: "PATCH", body: patch });
}

export function deleteQueueItem(id: string) {
  return apiFetch(itemPath(id), deleteQueueItemResponseSchema, { method: "DELETE" });
}

/** Pauses or resumes the whole queue (nothing new is dispatched while paused). */
export function setQueuePaused(paused: boolean) {
  return apiFetch(QUEUE_KEY, queuePauseResponseSchema, { method: "PATCH", body: { paused } });
}

/** An operator confirms the printer's bed is clear: queued prints may start there. */
export function confirmBedCleared(printerId: string) {
  return apiFetch(`/api/printers/${encodeURIComponent(printerId)}/bed-cleared`, bedClearedResponseSchema, { method: "POST" });
}

/** Turns automatic starts without a bed check on or off for one printer (admins). */
export function setAutoStartWithoutBedCheck(printerId: string, enabled: boolean) {
  return apiFetch(`/api/printers/${encodeURIComponent(printerId)}`, printerViewSchema, {
    method: "PATCH",
    body: { autoStartWithoutBedCheck: enabled },
  });
}
