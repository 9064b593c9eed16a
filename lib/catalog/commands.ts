import type { z } from "zod";
import { backupCommandSchemas } from "@/lib/backup/commands";
import { fileCommandSchemas } from "@/lib/files/commands";
import { printerCommandSchemas } from "@/lib/printers/command-schemas";
import { workerCommandSchemas } from "@/lib/worker/commands";

/**
 * Command types the web may ask of the worker, with their payloads. Each domain declares
 * its own and enqueues them through enqueueCommand() (lib/commands/enqueue.ts) with its
 * schemas; each worker module registers a handler for its types (worker/command-runner.ts).
 */
export const commandSchemas = {
  ...workerCommandSchemas,
  ...printerCommandSchemas,
  ...fileCommandSchemas,
  ...backupCommandSchemas,
} as const;

export type CommandType = keyof typeof commandSchemas;
export type CommandPayload<T extends CommandType> = z.infer<(typeof commandSchemas)[T]>;
