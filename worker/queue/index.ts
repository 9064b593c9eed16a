import { filesConfig } from "@/lib/files/settings";
import { raiseBedWaiting, raiseItemFailed } from "@/lib/queue/alerts";
import type { PrinterAccess } from "@/worker/files/printer-access";
import { QueueDispatcher, type DispatcherOptions } from "./dispatcher";

/** How often the queue looks for free printers. */
const QUEUE_TICK_MS = 2_000;
/** A start the printer has not turned into a job within this time is given up (the item goes back). */
const START_TIMEOUT_MS = 180_000;

/** The queue's dispatcher as the worker runs it: alerts through the alert channels. */
export function queueService(printers: PrinterAccess, overrides: Partial<DispatcherOptions> = {}): QueueDispatcher {
  return new QueueDispatcher(printers, {
    root: filesConfig().root,
    tickMs: QUEUE_TICK_MS,
    startTimeoutMs: START_TIMEOUT_MS,
    hooks: { bedWaiting: (printerId) => raiseBedWaiting(printerId), itemFailed: (itemId) => raiseItemFailed(itemId) },
    ...overrides,
  });
}
