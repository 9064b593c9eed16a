import { z } from "zod";
import { apiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import {
  type materialPatchSchema,
  type MaterialInput,
  type MaterialView,
  type spoolInputSchema,
  type spoolPatchSchema,
  type SpoolView,
} from "./schemas";
import { clearLowStock, flagLowStock } from "./low-stock";
import type { BusinessSettings } from "../settings/settings";

export * from "./schemas";

/** Materials (what a kind of filament costs) and spools (where it is and how much is left). */

interface MaterialRow {
  id: string;
  type: string;
  brand: string;
  color: string;
  diameterMm: string;
  pricePerKgCents: number;
  archivedAt: Date | null;
}

function toMaterialView(row: MaterialRow): MaterialView {
  const { archivedAt, ...rest } = row;
  return { ...rest, archived: archivedAt !== null };
}

export async function listMaterials(): Promise<MaterialView[]> {
  const rows = await db.material.findMany({ orderBy: [{ archivedAt: "asc" }, { type: "asc" }, { brand: "asc" }] });
  return rows.map(toMaterialView);
}

export async function createMaterial(input: MaterialInput): Promise<MaterialView> {
  return toMaterialView(await db.material.create({ data: input }));
}

export async function updateMaterial(id: string, patch: z.infer<typeof materialPatchSchema>): Promise<MaterialView> {
  const { archived, ...fields } = patch;
  if (!(await db.material.findUnique({ where: { id }, select: { id: true } }))) throw apiError("not_found");
  const row = await db.material.update({
    where: { id },
    data: { ...fields, ...(archived === undefined ? {} : { archivedAt: archived ? new Date() : null }) },
  });
  return toMaterialView(row);
}

const spoolColumns = {
  id: true,
  materialId: true,
  initialGrams: true,
  remainingGrams: true,
  location: true,
  printerId: true,
  slot: true,
  archivedAt: true,
  material: { select: { id: true, type: true, brand: true, color: true, diameterMm: true, pricePerKgCents: true, archivedAt: true } },
} as const;

type SpoolRow = {
  id: string;
  materialId: string;
  initialGrams: number;
  remainingGrams: number;
  location: string | null;
  printerId: string | null;
  slot: string | null;
  archivedAt: Date | null;
  material: MaterialRow;
};

function toSpoolView(row: SpoolRow, lowStockGrams: number): SpoolView {
  const { archivedAt, material, ...rest } = row;
  return { ...rest, material: toMaterialView(material), lowStock: row.remainingGrams <= lowStockGrams, archived: archivedAt !== null };
}

export async function listSpools(lowStockGrams: number): Promise<SpoolView[]> {
  const rows = await db.spool.findMany({ select: spoolColumns, orderBy: [{ archivedAt: "asc" }, { createdAt: "asc" }] });
  return rows.map((row) => toSpoolView(row, lowStockGrams));
}

async function assertSlotFree(printerId: string | null | undefined, slot: string | null | undefined, exceptId?: string): Promise<void> {
  if (!printerId) return;
  if (!(await db.printer.findUnique({ where: { id: printerId }, select: { id: true } }))) throw apiError("validation_failed", { field: "printerId" });
  const taken = await db.spool.findFirst({
    where: { printerId, slot: slot ?? null, archivedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw apiError("conflict", { reason: "slot_taken" });
}

export async function createSpool(input: z.infer<typeof spoolInputSchema>, lowStockGrams: number): Promise<SpoolView> {
  if (!(await db.material.findUnique({ where: { id: input.materialId }, select: { id: true } }))) throw apiError("validation_failed", { field: "materialId" });
  await assertSlotFree(input.printerId, input.slot);
  const row = await db.spool.create({
    data: {
      materialId: input.materialId,
      initialGrams: input.initialGrams,
      remainingGrams: input.remainingGrams ?? input.initialGrams,
      location: input.location ?? null,
      printerId: input.printerId ?? null,
      slot: input.printerId ? (input.slot ?? null) : null,
    },
    select: spoolColumns,
  });
  return toSpoolView(row, lowStockGrams);
}

/** Refilling above the threshold or archiving ends the spool's low-stock alert; weighing it low raises one. */
export async function updateSpool(id: string, patch: z.infer<typeof spoolPatchSchema>, settings: BusinessSettings): Promise<SpoolView> {
  const { lowStockGrams } = settings;
  const current = await db.spool.findUnique({ where: { id }, select: { printerId: true, slot: true } });
  if (!current) throw apiError("not_found");
  const { archived, ...fields } = patch;
  const printerId = fields.printerId === undefined ? current.printerId : fields.printerId;
  const slot = fields.slot === undefined ? current.slot : fields.slot;
  if (fields.printerId !== undefined || fields.slot !== undefined) await assertSlotFree(printerId, slot, id);
  const refilled = fields.remainingGrams !== undefined && fields.remainingGrams > lowStockGrams;
  const row = await db.spool.update({
    where: { id },
    data: {
      ...fields,
      ...(printerId ? {} : { slot: null }),
      ...(archived === undefined ? {} : { archivedAt: archived ? new Date() : null }),
    },
    select: spoolColumns,
  });
  if (refilled || archived === true) await clearLowStock(id);
  else if (fields.remainingGrams !== undefined) await flagLowStock(id, settings);
  return toSpoolView(row, lowStockGrams);
}
