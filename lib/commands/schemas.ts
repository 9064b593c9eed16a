import { z } from "zod";

/**
 * Command types the web may ask of the worker, with their payloads. Each worker
 * module registers a handler for its types (worker/command-runner.ts).
 */
export const commandSchemas = {
  /** Round trip through the queue; the settings page uses it to prove the worker answers. */
  "worker.ping": z.object({}),
} as const;

export type CommandType = keyof typeof commandSchemas;
export type CommandPayload<T extends CommandType> = z.infer<(typeof commandSchemas)[T]>;
export const commandStatuses = ["pending", "running", "succeeded", "failed"] as const;
export type CommandStatus = (typeof commandStatuses)[number];
