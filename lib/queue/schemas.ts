import { z } from "zod";
import { amsMappingSchema } from "@/lib/printers/schemas";

/** Wire formats of the print queue API (no database access: the browser reads these). */

export const queueStatuses = ["queued", "paused", "waiting_for_bed", "dispatching", "printing", "done", "failed", "cancelled"] as const;
export type QueueStatus = (typeof queueStatuses)[number];

/** Statuses an item leaves only through the worker or a person; the open part of the queue. */
export const openQueueStatuses: readonly QueueStatus[] = ["queued", "paused", "waiting_for_bed", "dispatching", "printing"];
/** The worker is working on the item: it cannot be deleted, moved to another printer or cancelled from the queue. */
export const activeQueueStatuses: readonly QueueStatus[] = ["dispatching", "printing"];

/** A localized reason: `code` is a key under "queue.fit" or "queue.failures", `message` the text in the caller's language. */
export const queueReasonSchema = z.object({
  code: z.string(),
  /** The printer the reason is about, when it is about one. */
  printerId: z.string().nullable(),
  message: z.string(),
});
export type QueueReason = z.infer<typeof queueReasonSchema>;

export const queueItemViewSchema = z.object({
  id: z.string(),
  /** Copies asked for together share it. */
  batchId: z.string(),
  /** 1 is next. */
  position: z.number().int(),
  status: z.enum(queueStatuses),
  file: z.object({
    /** As in GET /api/files. */
    id: z.string(),
    name: z.string(),
    thumbnailUrl: z.string().nullable(),
    /** Of the item's plate where the file says, else of the whole file. */
    printSeconds: z.number().nullable(),
  }),
  /** 1-based plate of a multi-plate project; null: the first. */
  plate: z.number().int().nullable(),
  /** Where it should print: one printer, or any printer that fits (optionally of one model). */
  target: z.object({ printerId: z.string().nullable(), printerName: z.string().nullable(), model: z.string().nullable() }),
  amsMapping: z.array(z.number().int()).nullable(),
  /** The printer it was sent to. */
  assignedPrinter: z.object({ id: z.string(), name: z.string() }).nullable(),
  estimatedStart: z.iso.datetime().nullable(),
  estimatedFinish: z.iso.datetime().nullable(),
  /** Why the last dispatch failed (status failed, or queued again after a failure). */
  failure: queueReasonSchema.nullable(),
  /** Whether some allowed printer fits the file, and why the others do not; null for finished items. */
  fit: z.object({ ok: z.boolean(), reasons: z.array(queueReasonSchema) }).nullable(),
  /** Printers not tried again for this item until someone retries it. */
  skippedPrinterIds: z.array(z.string()),
  /** Null for callers who may not see customers (viewers). */
  customer: z.string().nullable(),
  orderReference: z.string().nullable(),
  businessUse: z.boolean(),
  note: z.string().nullable(),
  /** The job the printer reported for this item once it started. */
  jobId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type QueueItemView = z.infer<typeof queueItemViewSchema>;

export const queueListQuerySchema = z.object({
  /** open (default): everything not done, failed or cancelled, plus those that ended within the last day; all: everything, newest ended last. */
  scope: z.enum(["open", "all"]).default("open"),
});

export const queueListSchema = z.object({
  /** The whole queue is paused: nothing new is dispatched. */
  paused: z.boolean(),
  items: z.array(queueItemViewSchema),
});
export type QueueList = z.infer<typeof queueListSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);
const idSchema = z.string().min(1).max(64);

export const createQueueItemSchema = z.strictObject({
  /** Any id from GET /api/files (a local file, or a file on a printer). */
  fileId: idSchema,
  /** One printer; omitted: any printer that fits. */
  printerId: idSchema.optional(),
  /** With no printerId: only printers of this model. */
  model: text(64).optional(),
  plate: z.number().int().min(1).max(64).optional(),
  /** One item per copy, sharing a batch id. */
  copies: z.number().int().min(1).max(100).default(1),
  /** Bambu: the AMS tray per filament slot of the project (index = slot - 1; unit*4 + tray, -1 = external spool). */
  amsMapping: amsMappingSchema.optional(),
  customer: text(200).optional(),
  orderReference: text(200).optional(),
  businessUse: z.boolean().default(true),
  note: text(1000).optional(),
});
export type CreateQueueItem = z.infer<typeof createQueueItemSchema>;
export type CreateQueueItemInput = z.input<typeof createQueueItemSchema>;

export const createQueueItemResponseSchema = z.object({
  /** The first copy. */
  item: queueItemViewSchema,
  /** Every copy created (one with copies 1), in queue order. */
  items: z.array(queueItemViewSchema),
});

export const updateQueueItemSchema = z
  .strictObject({
    /** New 1-based place in the open queue. */
    position: z.number().int().min(1).max(100_000).optional(),
    /** Put the item just before this one; null: at the end. */
    before: idSchema.nullable().optional(),
    /** Another target printer; null: any printer that fits. */
    printerId: idSchema.nullable().optional(),
    /** Model restriction for "any printer"; null: none. */
    model: text(64).nullable().optional(),
    /** true: hold the item; false: let it go again. */
    paused: z.boolean().optional(),
    status: z.literal("cancelled").optional(),
    /** A failed item (or one with printers skipped) back into the queue, all printers allowed again. */
    retry: z.literal(true).optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: "Nothing to change" })
  .refine((patch) => patch.position === undefined || patch.before === undefined, { message: "position or before, not both", path: ["before"] });
export type UpdateQueueItem = z.infer<typeof updateQueueItemSchema>;

export const queueItemResponseSchema = z.object({ item: queueItemViewSchema });

export const queueIdParamsSchema = z.object({ id: idSchema });

export const queuePauseSchema = z.strictObject({ paused: z.boolean() });
export const queuePauseResponseSchema = z.object({ paused: z.boolean() });

export const deleteQueueItemResponseSchema = z.object({ deleted: z.literal(true) });
