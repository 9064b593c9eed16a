import { z } from "zod";
import { amsMappingSchema } from "@/lib/printers/schemas";

/** Commands of the files domain (listed in lib/catalog/commands.ts). */
export const fileCommandSchemas = {
  /** Lists the command's printer storage now. */
  "files.sync": z.object({}),
  /** Stops a running or queued download; the worker aborts the transfer. */
  "files.cancel": z.object({ downloadId: z.string().min(1).max(64) }),
  /** Sends a local file to the command's printer and optionally starts it (only when it can take a print). */
  "files.upload": z.object({
    localFileId: z.string().min(1).max(64),
    start: z.boolean().default(false),
    plate: z.number().int().min(1).max(64).optional(),
    amsMapping: amsMappingSchema.optional(),
  }),
  /** Deletes a file on the command's printer, unless the printer is printing it. */
  "files.delete": z.object({ printerFileId: z.string().min(1).max(64) }),
} as const;
