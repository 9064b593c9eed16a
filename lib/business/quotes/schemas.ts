import { z } from "zod";
import { storedLineSchema } from "../costing/stored-line";

/**
 * Wire formats of price quotes (Kostenvoranschlag), safe in the browser. A quote prices
 * one print of a file's plate at today's rate with the job cost model and multiplies it
 * by the copies: each copy becomes a job priced alone, so the quote's total is what the
 * jobs will book.
 */

const civilDate = z.iso.date();

export const quoteMaterialChoiceSchema = z.strictObject({
  /** The project's filament slot (1-based), as the file's metadata numbers it. */
  slot: z.number().int().min(1).max(64),
  materialId: z.string().min(1).max(64),
});

export const quoteInputSchema = z.strictObject({
  /** Any id of GET /api/files: a printer file's or a local file's. */
  fileId: z.string().min(1).max(64),
  /** Bambu projects: the plate (1-based); default the first. */
  plate: z.number().int().min(1).max(64).optional(),
  copies: z.number().int().min(1).max(10_000),
  /** A material per filament slot; a slot left out takes the first material of its type, else the fallback price. */
  materials: z.array(quoteMaterialChoiceSchema).max(64).optional(),
  /** Labour per copy. */
  labourMinutes: z.number().int().min(0).max(100_000).optional(),
  /** Default: the markup of today's rate. Basis points (1500 = 15 %). */
  markupBp: z.number().int().min(-10_000).max(1_000_000).optional(),
  /** 19 % or 7 %; default today's rate. Ignored under § 19 UStG (no VAT is charged). */
  vatRateBp: z.union([z.literal(1900), z.literal(700)]).optional(),
});
export type QuoteInput = z.infer<typeof quoteInputSchema>;

export const quoteCreateSchema = quoteInputSchema.extend({
  customer: z.string().trim().min(1).max(200),
  orderReference: z.string().trim().max(100).optional(),
  note: z.string().trim().max(2000).optional(),
  /** Last day the offer holds (Berlin), "YYYY-MM-DD"; default 30 days from today. */
  validUntil: civilDate.optional(),
  /** The language the quote is printed in. */
  locale: z.enum(["de", "en"]).optional(),
});
export type QuoteCreate = z.infer<typeof quoteCreateSchema>;

const totalsSchema = z.object({ netCents: z.number().int(), vatCents: z.number().int(), grossCents: z.number().int() });

export const quoteFilamentSchema = z.object({
  slot: z.number().int(),
  type: z.string().nullable(),
  color: z.string().nullable(),
  /** The slicer's grams for one copy. */
  grams: z.number(),
  materialId: z.string().nullable(),
  /** "Brand PLA Black"; null when priced at the fallback price. */
  materialLabel: z.string().nullable(),
  pricePerKgCents: z.number().int(),
});
export type QuoteFilament = z.infer<typeof quoteFilamentSchema>;

export const quoteComputationSchema = z.object({
  fileId: z.string(),
  fileName: z.string(),
  plate: z.number().int().nullable(),
  /** Plates the file has, to choose from. */
  plates: z.array(z.object({ index: z.number().int(), name: z.string().nullable() })),
  copies: z.number().int(),
  printSeconds: z.number(),
  filaments: z.array(quoteFilamentSchema),
  labourMinutes: z.number().int(),
  markupBp: z.number().int(),
  lines: z.array(storedLineSchema),
  unit: totalsSchema,
  total: totalsSchema,
  vatRateBp: z.number().int(),
  treatment: z.enum(["vat", "kleinunternehmer", "private"]),
  invoiceNoteKey: z.string().nullable(),
  /** Id of the rate used ("default" before any was entered). */
  priceVersion: z.string(),
});
export type QuoteComputation = z.infer<typeof quoteComputationSchema>;

export const quoteStatuses = ["open", "cancelled"] as const;

export const quoteViewSchema = quoteComputationSchema.extend({
  id: z.string(),
  number: z.string(),
  customer: z.string(),
  orderReference: z.string().nullable(),
  note: z.string().nullable(),
  validUntil: civilDate,
  locale: z.enum(["de", "en"]),
  status: z.enum(quoteStatuses),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
});
export type QuoteView = z.infer<typeof quoteViewSchema>;
