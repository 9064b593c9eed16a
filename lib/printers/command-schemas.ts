import { z } from "zod";
import { printerCommandBodySchema } from "./schemas";

/** Commands of the printers domain to the worker, with their payloads (listed in lib/catalog/commands.ts). */
export const printerCommandSchemas = {
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
} as const;
