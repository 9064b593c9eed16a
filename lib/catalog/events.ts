import { z } from "zod";
import { fileEventSchemas } from "@/lib/files/events";
import { normalizedStateSchema } from "@/lib/printers/types";

/**
 * Every event type and the shape of its payload. Producers append through
 * appendEvent(), which validates against this map, so consumers can trust payloads.
 */
export const eventSchemas = {
  "worker.heartbeat": z.object({ holder: z.string(), at: z.string(), startedAt: z.string() }),
  "worker.lease": z.object({ holder: z.string(), acquired: z.boolean() }),
  "command.finished": z.object({
    commandId: z.number().int(),
    type: z.string(),
    printerId: z.string().nullable(),
    status: z.enum(["succeeded", "failed"]),
    error: z.string().nullable(),
  }),
  /** A printer was added, edited, enabled/disabled or removed (the worker's supervisor re-reads the table anyway). */
  "printer.changed": z.object({ action: z.enum(["created", "updated", "deleted"]), enabled: z.boolean() }),
  /** The printer's normalized live state after a meaningful change; at most one per second per printer. */
  "printer.state": z.object({ state: normalizedStateSchema }),
  /** The worker's connection to a printer went down or came back; `failure.messageKey` is under "printerErrors". */
  "printer.connection": z.object({
    online: z.boolean(),
    failure: z.object({ kind: z.string(), stage: z.string(), messageKey: z.string() }).nullable(),
  }),
  "job.started": z.object({
    jobId: z.string(),
    printerJobId: z.string().nullable(),
    name: z.string(),
    fileName: z.string().nullable(),
    startedAt: z.string(),
  }),
  "job.finished": z.object({
    jobId: z.string(),
    status: z.enum(["finished", "failed", "cancelled"]),
    errorCode: z.string().nullable(),
    durationSeconds: z.number().int().nullable(),
    endedAt: z.string(),
  }),
  /** An open job was paused or resumed (worker/printers/job-tracker.ts). */
  "job.state": z.object({ jobId: z.string(), status: z.enum(["paused", "resumed"]), at: z.string() }),
  /** `params` fill the message "alerts.<type>" (printer name, temperatures, message keys). */
  "alert.raised": z.object({
    alertId: z.string(),
    type: z.string(),
    severity: z.enum(["info", "warning", "critical"]),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  }),
  "alert.resolved": z.object({ alertId: z.string(), type: z.string() }),
  /** A spool fell to the low-stock threshold (once until it is refilled); lib/business/inventory/spool-usage.ts. */
  "spool.low_stock": z.object({ spoolId: z.string(), remainingGrams: z.number().int(), thresholdGrams: z.number().int(), label: z.string() }),
  "alert.acknowledged": z.object({ alertId: z.string(), type: z.string(), userId: z.string() }),
  ...fileEventSchemas,
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventPayload<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;

/** What the browser receives on the stream (and what /api/events?since= returns). */
export interface StreamEvent {
  id: number;
  type: string;
  printerId: string | null;
  createdAt: string;
  payload: unknown;
}
