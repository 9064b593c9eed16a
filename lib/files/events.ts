import { z } from "zod";

export const downloadStatuses = ["queued", "downloading", "done", "failed", "cancelled"] as const;
export type DownloadStatus = (typeof downloadStatuses)[number];

/** Events of the files domain (listed in lib/catalog/events.ts). */
export const fileEventSchemas = {
  /** A download changed state or made progress (progress at most twice a second per download). */
  "file.download": z.object({
    downloadId: z.string(),
    printerFileId: z.string(),
    status: z.enum(downloadStatuses),
    bytes: z.number().int().min(0),
    total: z.number().int().min(0).nullable(),
    speed: z.number().int().min(0).nullable(),
    /** Message key under "files.errors" when failed. */
    error: z.string().nullable(),
  }),
  /** A printer's storage was listed. */
  "files.synced": z.object({ added: z.number().int(), changed: z.number().int(), gone: z.number().int() }),
} as const;
