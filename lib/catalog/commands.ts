import { z } from "zod";
import { fileCommandSchemas } from "@/lib/files/commands";
import { printerCommandBodySchema } from "@/lib/printers/schemas";

/**
 * Command types the web may ask of the worker, with their payloads. Each worker
 * module registers a handler for its types (worker/command-runner.ts).
 */
export const commandSchemas = {
  /** Round trip through the queue; the settings page uses it to prove the worker answers. */
  "worker.ping": z.object({}),
  /** Pause/resume/stop/light/start on the command's printer; start only when the printer can take one. */
  "printer.command": printerCommandBodySchema,
  /**
   * Connection test of a saved printer, an unsaved form, or the form over the saved
   * printer. `connection` is an encrypted envelope (lib/printers/credentials.ts), purged
   * with the command's payload when it ends (registered as sensitive).
   */
  "printer.test-connection": z.object({ printerId: z.string().optional(), connection: z.string().optional() }),
  /** One camera frame of the command's printer; the result carries the JPEG as base64. */
  "printer.snapshot": z.object({}),
  ...fileCommandSchemas,
} as const;

export type CommandType = keyof typeof commandSchemas;
export type CommandPayload<T extends CommandType> = z.infer<(typeof commandSchemas)[T]>;
export const commandStatuses = ["pending", "running", "succeeded", "failed"] as const;
export type CommandStatus = (typeof commandStatuses)[number];
