import type { z } from "zod";
import { alertEventSchemas } from "@/lib/alerts/events";
import { inventoryEventSchemas } from "@/lib/business/inventory/events";
import { commandEventSchemas } from "@/lib/commands/events";
import { fileEventSchemas } from "@/lib/files/events";
import { jobEventSchemas } from "@/lib/jobs/events";
import { printerEventSchemas } from "@/lib/printers/events";
import { queueEventSchemas } from "@/lib/queue/events";
import { workerEventSchemas } from "@/lib/worker/events";

/**
 * Every event type and the shape of its payload. Each domain declares its own events
 * and appends them through appendEvent() (lib/events/append.ts) with its schemas, which
 * validates them, so consumers of this catalog can trust payloads.
 */
export const eventSchemas = {
  ...workerEventSchemas,
  ...commandEventSchemas,
  ...printerEventSchemas,
  ...jobEventSchemas,
  ...alertEventSchemas,
  ...inventoryEventSchemas,
  ...fileEventSchemas,
  ...queueEventSchemas,
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventPayload<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;
