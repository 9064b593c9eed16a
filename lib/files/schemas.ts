import { z } from "zod";
import { amsMappingSchema } from "@/lib/printers/schemas";
import { downloadStatuses } from "./events";

/** Wire formats of the files API. */

export const fileStatuses = ["available", "downloaded", "local", "downloading", "failed"] as const;
export type FileStatus = (typeof fileStatuses)[number];
export const fileTypes = ["gcode.3mf", "3mf", "gcode", "bgcode", "other"] as const;
export type FileType = (typeof fileTypes)[number];
export const fileSorts = ["name", "-name", "size", "-size", "modifiedAt", "-modifiedAt", "printer", "-printer"] as const;

export const downloadViewSchema = z.object({
  id: z.string(),
  status: z.enum(downloadStatuses),
  bytes: z.number().int(),
  total: z.number().int().nullable(),
  /** Bytes per second. */
  speed: z.number().int().nullable(),
  /** Message key under "files.errors". */
  error: z.string().nullable(),
});

export const fileViewSchema = z.object({
  /** A printer file's id, or a local file's id for files only kept here. */
  id: z.string(),
  /** "printer": on a printer (maybe also downloaded); "local": only in the files folder. */
  source: z.enum(["printer", "local"]),
  name: z.string(),
  type: z.enum(fileTypes),
  printerId: z.string().nullable(),
  printerName: z.string().nullable(),
  /** Path on the printer. */
  path: z.string().nullable(),
  status: z.enum(fileStatuses),
  /** The file's printer is switched off: the file is there, but nothing can be fetched from it now. Always false for local files. */
  printerDisabled: z.boolean(),
  /** Null where the printer's listing left it out (PrusaLink does at times). */
  size: z.number().int().nullable(),
  /** Of the local copy. */
  sha256: z.string().nullable(),
  modifiedAt: z.iso.datetime().nullable(),
  localFileId: z.string().nullable(),
  thumbnailUrl: z.string().nullable(),
  contentUrl: z.string().nullable(),
  /** A 3MF project without sliced plates (no G-code inside): kept, but no printer can print it until it is sliced. */
  needsSlicing: z.boolean(),
  printSeconds: z.number().nullable(),
  filamentGrams: z.number().nullable(),
  filaments: z.array(z.object({ type: z.string().nullable(), color: z.string().nullable() })),
  download: downloadViewSchema.nullable(),
});
export type FileView = z.infer<typeof fileViewSchema>;

export const fileListQuerySchema = z
  .object({
    printer: z.string().min(1).max(64).optional(),
    status: z.enum(fileStatuses).optional(),
    q: z.string().max(200).optional(),
    type: z.enum(fileTypes).optional(),
    /** First Berlin calendar day of the file's date (as the list shows it), included. */
    from: z.iso.date().optional(),
    /** Last Berlin calendar day of the file's date, included. */
    to: z.iso.date().optional(),
    sort: z.enum(fileSorts).default("-modifiedAt"),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: "from must not be after to", path: ["to"] });
export type FileListQuery = z.infer<typeof fileListQuerySchema>;

export const fileListSchema = z.object({
  files: z.array(fileViewSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** `POST /api/files`: the stored files, each as `GET /api/files` lists it. */
export const uploadResultSchema = z.object({ files: z.array(fileViewSchema) });
export type UploadResult = z.infer<typeof uploadResultSchema>;

export const fileIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const bulkDownloadSchema = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(500) });

export const queuedSchema = z.object({
  /** Download ids created. */
  queued: z.array(z.string()),
  /** Ids skipped: already downloaded and unchanged, already queued, gone from the printer, on a disabled printer, or unknown. */
  skipped: z.array(z.string()),
});

export const cancelResultSchema = z.object({ cancelled: z.boolean() });

export const commandAcceptedSchema = z.object({ commandId: z.number().int() });

/** The answer to deleting a file on a printer: the worker's outcome when it came within the wait. */
export const deleteResultSchema = z.object({
  commandId: z.number().int(),
  status: z.enum(["pending", "running", "succeeded", "failed"]),
  /** Message key under "printerErrors" ("command.fileInUse", "bambu.failure.ftp", …). */
  error: z.string().nullable(),
});
export type DeleteResult = z.infer<typeof deleteResultSchema>;

export const syncQuerySchema = z.object({ wait: z.enum(["0", "1"]).optional() });

/** What a listing found; the worker's files.sync result. */
export const syncCountsSchema = z.object({ added: z.number().int(), changed: z.number().int(), gone: z.number().int() });

export const syncResultSchema = z.object({
  commandId: z.number().int(),
  status: z.enum(["pending", "running", "succeeded", "failed"]),
  /** Message key under "printerErrors" ("command.notConnected", "prusalink.unreachable", …). */
  error: z.string().nullable(),
  /** Set when the listing finished within the wait. */
  counts: syncCountsSchema.nullable(),
});
export type SyncResult = z.infer<typeof syncResultSchema>;

export const uploadBodySchema = z
  .object({
    printerId: z.string().min(1).max(64),
    start: z.boolean().default(false),
    /** Bambu: the plate of a multi-plate project (1-based); default the first. */
    plate: z.number().int().min(1).max(64).optional(),
    /**
     * Bambu, with `start`: the AMS tray for each filament slot of the project (index =
     * slot - 1; unit*4 + tray, -1 for the external spool). Without it the printer
     * prints from the external spool.
     */
    amsMapping: amsMappingSchema.optional(),
  })
  .refine((body) => body.start || body.amsMapping === undefined, { message: "only with start", path: ["amsMapping"] });
export type UploadBody = z.infer<typeof uploadBodySchema>;

/** What can be printed of a file: its type and, for 3MF projects, the plates with their filaments. */
export const printOptionsSchema = z.object({
  type: z.enum(fileTypes),
  plates: z.array(
    z.object({
      index: z.number().int(),
      name: z.string().nullable(),
      filaments: z.array(z.object({ slot: z.number().int(), type: z.string().nullable(), color: z.string().nullable() })),
    }),
  ),
});
export type PrintOptions = z.infer<typeof printOptionsSchema>;

export const housekeepingPreviewSchema = z.object({
  compress: z.array(z.object({ id: z.string(), relativePath: z.string(), size: z.number().int() })),
  delete: z.array(z.object({ id: z.string(), relativePath: z.string(), size: z.number().int(), reason: z.enum(["retention", "budget"]) })),
  protectedCount: z.number().int(),
  staleParts: z.array(z.object({ name: z.string(), size: z.number().int() })),
  totalBytes: z.number().int(),
  budgetBytes: z.number().int(),
});
