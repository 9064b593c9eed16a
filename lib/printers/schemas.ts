import { z } from "zod";
import { bedViewSchema } from "./bed-schemas";
import { hostSchema, locationSchema, modelSchema, printerNameSchema, savedPrinterIdSchema, tlsModes } from "./fields";
import { kindDescriptors, printerKinds, type KindDescriptor } from "./registry";
import { normalizedStateSchema, printerActions } from "./types";

/**
 * Wire formats of the printers API. Inputs carry credentials in; no output schema has a
 * field that could carry one out (withApi parses every response with these, so a
 * credential cannot leave even if a handler returned the whole row).
 */

export type { TlsMode } from "./fields";

type CreateSchema = KindDescriptor["createSchema"];
type TestSchema = KindDescriptor["testSchema"];
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type PatchFields = Intersection<KindDescriptor["patchFields"]>;

/** POST /api/printers, `printer:add`, and the unsaved form of a connection test. */
export const createPrinterSchema = z.discriminatedUnion("kind", kindDescriptors.map((d) => d.createSchema) as [CreateSchema, ...CreateSchema[]]);
export type CreatePrinterInput = z.infer<typeof createPrinterSchema>;

const kindPatchFields = Object.assign({}, ...kindDescriptors.map((d) => d.patchFields)) as PatchFields;

/**
 * PATCH /api/printers/{id}. Omitted fields stay; null resets an optional one (ports to
 * their default). Credentials are replaced as a set, never merged: the web cannot read
 * the stored ones (only the worker decrypts), so it cannot combine old and new.
 */
export const updatePrinterSchema = z
  .strictObject({
    name: printerNameSchema.optional(),
    host: hostSchema.optional(),
    model: modelSchema.optional(),
    location: locationSchema.nullable().optional(),
    enabled: z.boolean().optional(),
    /** Start queued prints without an operator confirming the bed is clear (printers with an ejection system). */
    autoStartWithoutBedCheck: z.boolean().optional(),
    ...kindPatchFields,
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: "Nothing to change" });
export type UpdatePrinterInput = z.infer<typeof updatePrinterSchema>;

/**
 * POST /api/printers/test-connection: a saved printer (`printerId`), the unsaved form,
 * or both (the form's fields override the saved printer's, e.g. while editing, and its
 * credentials may then be left out to test with the saved ones).
 */
export const testConnectionBodySchema = z.union([
  z.strictObject({ printerId: savedPrinterIdSchema }),
  z.discriminatedUnion("kind", kindDescriptors.map((d) => d.testSchema) as [TestSchema, ...TestSchema[]]),
]);
export type TestConnectionBody = z.infer<typeof testConnectionBodySchema>;

export const connectionTestResultSchema = z.union([
  z.object({ ok: z.literal(true), firmware: z.string().nullable(), model: z.string().nullable() }),
  z.object({
    ok: z.literal(false),
    /** dns | tcp | tls | auth | protocol | developer_mode | timeout */
    stage: z.string(),
    /** Message key under "printerErrors". */
    message: z.string(),
    detail: z.string().nullable(),
  }),
]);
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

export const testConnectionResponseSchema = z.object({
  commandId: z.number().int(),
  /** pending: the worker has not answered within the wait; poll the command's event. */
  status: z.enum(["pending", "running", "succeeded", "failed"]),
  result: connectionTestResultSchema.nullable(),
  error: z.string().nullable(),
});

export const printerIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

/**
 * Bambu's ams_mapping: per filament slot of the sliced project (index = slot - 1) the
 * AMS tray to feed it (unit*4 + tray; an AMS HT unit's id), -1 for the external spool.
 */
export const amsMappingSchema = z.array(z.number().int().min(-1).max(254)).min(1).max(32);

export const printerCommandBodySchema = z
  .strictObject({
    action: z.enum(printerActions),
    /** start: the file on the printer ("/cache/x.gcode.3mf", "/usb/X.BGC"). */
    path: z.string().min(1).max(1024).optional(),
    /** start, Bambu: the plate of a multi-plate project (1-based). */
    plate: z.number().int().min(1).max(64).optional(),
    /** start, Bambu: which AMS tray feeds which filament of the project. */
    amsMapping: amsMappingSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.action === "start" && !body.path) ctx.addIssue({ code: "custom", path: ["path"], message: "required for start" });
    if (body.action !== "start" && (body.path !== undefined || body.plate !== undefined || body.amsMapping !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["path"], message: "only for start" });
    }
  });
export type PrinterCommandBody = z.infer<typeof printerCommandBodySchema>;

export const printerCommandQuerySchema = z.object({ wait: z.enum(["0", "1"]).optional() });

export const printerCommandResponseSchema = z.object({
  commandId: z.number().int(),
  status: z.enum(["pending", "running", "succeeded", "failed"]),
  /** Message key of the failure ("bambu.failure.developerMode", "printer.notConnected", …). */
  error: z.string().nullable(),
});

export const liveStatusSchema = z.object({
  online: z.boolean(),
  state: z.string(),
  /** The normalized live state; null before the worker has seen the printer. */
  data: normalizedStateSchema.nullable(),
  lastMessageAt: z.iso.datetime().nullable(),
  /** Message key of the last connection failure. */
  lastError: z.string().nullable(),
  reconnects: z.number().int(),
  updatedAt: z.iso.datetime(),
});

export const printerViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(printerKinds),
  host: z.string(),
  model: z.string(),
  serial: z.string().nullable(),
  /** Effective ports (the default where none was set). */
  mqttPort: z.number().int().nullable(),
  ftpPort: z.number().int().nullable(),
  cameraPort: z.number().int().nullable(),
  httpPort: z.number().int().nullable(),
  tls: z.enum(tlsModes).nullable(),
  hasCaCert: z.boolean(),
  location: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  live: liveStatusSchema.nullable(),
  /** Whether the last print's part may still lie on the bed; nothing starts there until it is confirmed clear. */
  bed: bedViewSchema,
});
export type PrinterView = z.infer<typeof printerViewSchema>;

export const credentialKeyStatusSchema = z.object({
  keyId: z.string(),
  /** null when the key's age is unknown (a key from the environment without PRINTERNIZER_SECRET_KEY_CREATED). */
  ageDays: z.number().int().nullable(),
  maxAgeDays: z.number().int(),
  rotateRecommended: z.boolean(),
});

export const printerListSchema = z.object({
  printers: z.array(printerViewSchema),
  meta: z.object({ credentialKey: credentialKeyStatusSchema }),
});

export const deletePrinterResponseSchema = z.object({
  deleted: z.literal(true),
  /** true: the printer had jobs, so its row stays (hidden, credentials wiped) for their history. */
  archived: z.boolean(),
});

export const sampleRanges = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 } as const;
export const samplesQuerySchema = z.object({ range: z.enum(["1h", "24h", "7d"]).default("1h") });
export const samplesResponseSchema = z.object({
  range: z.enum(["1h", "24h", "7d"]),
  /** Width of one averaged point. */
  bucketSeconds: z.number().int(),
  samples: z.array(
    z.object({
      at: z.iso.datetime(),
      nozzle: z.number().nullable(),
      nozzleTarget: z.number().nullable(),
      bed: z.number().nullable(),
      bedTarget: z.number().nullable(),
      chamber: z.number().nullable(),
    }),
  ),
});
