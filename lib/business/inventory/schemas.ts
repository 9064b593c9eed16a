import { z } from "zod";

/** Wire formats of materials and spools; no database access, so client components can use them. */

const text = (max: number) => z.string().trim().min(1).max(max);

export const materialInputSchema = z.strictObject({
  type: text(40),
  brand: text(80),
  color: text(60),
  diameterMm: z.string().regex(/^\d(\.\d{1,2})?$/).default("1.75"),
  pricePerKgCents: z.number().int().min(0).max(1_000_000),
});
export const materialPatchSchema = materialInputSchema.partial().extend({ archived: z.boolean().optional() });
export type MaterialInput = z.infer<typeof materialInputSchema>;

export const materialViewSchema = z.object({
  id: z.string(),
  type: z.string(),
  brand: z.string(),
  color: z.string(),
  diameterMm: z.string(),
  /** null for whoever may not read the business (lib/business/inventory/price-visibility.ts). */
  pricePerKgCents: z.number().int().nullable(),
  archived: z.boolean(),
});
export type MaterialView = z.infer<typeof materialViewSchema>;

const slotSchema = z.string().regex(/^[a-z0-9-]{1,32}$/);

export const spoolInputSchema = z.strictObject({
  materialId: z.string().min(1).max(64),
  initialGrams: z.number().positive().max(100_000),
  remainingGrams: z.number().min(0).max(100_000).optional(),
  location: z.string().trim().max(120).nullable().optional(),
  printerId: z.string().min(1).max(64).nullable().optional(),
  slot: slotSchema.nullable().optional(),
});
export const spoolPatchSchema = z.strictObject({
  remainingGrams: z.number().min(0).max(100_000).optional(),
  location: z.string().trim().max(120).nullable().optional(),
  printerId: z.string().min(1).max(64).nullable().optional(),
  slot: slotSchema.nullable().optional(),
  archived: z.boolean().optional(),
});

export const spoolViewSchema = z.object({
  id: z.string(),
  materialId: z.string(),
  material: materialViewSchema,
  initialGrams: z.number(),
  remainingGrams: z.number(),
  location: z.string().nullable(),
  printerId: z.string().nullable(),
  slot: z.string().nullable(),
  lowStock: z.boolean(),
  archived: z.boolean(),
});
export type SpoolView = z.infer<typeof spoolViewSchema>;
