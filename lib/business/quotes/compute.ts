import { apiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import type { PrintFileMetadata } from "@/lib/files/metadata/types";
import { pricePrint } from "../costing/price-job";
import { storedLines } from "../costing/stored-line";
import { rateAt } from "../rates/rates";
import { readBusinessSettings } from "../settings/settings";
import { readQuoteFile } from "./file-source";
import type { QuoteComputation, QuoteFilament, QuoteInput } from "./schemas";

/**
 * Prices a quote: one print of the file's plate (its slicer grams per filament and print
 * time) through `pricePrint`, the path job costs take, at the rate in force now; then
 * the copies. Each copy becomes its own job and is booked alone (VAT per job), so the
 * totals are the copies times one copy's net, VAT and gross.
 */

interface PlateFigures {
  plate: number | null;
  printSeconds: number;
  filaments: { slot: number; type: string | null; color: string | null; grams: number }[];
}

const unusable = (reason: string) => apiError("quote_file_unusable", { reason });

/** The chosen plate's time and grams per filament; a whole file where it has one plate or none listed. */
export function plateFigures(metadata: PrintFileMetadata | null, plate: number | undefined): PlateFigures {
  if (!metadata) throw unusable("no_metadata");
  const chosen = metadata.plates.length > 0 ? metadata.plates.find((p) => p.index === (plate ?? metadata.plates[0].index)) : undefined;
  if (metadata.plates.length > 0 && !chosen) throw unusable("no_such_plate");
  if (metadata.plates.length === 0 && plate !== undefined && plate !== 1) throw unusable("no_such_plate");
  const seconds = chosen?.printSeconds ?? (metadata.plates.length <= 1 ? metadata.printSeconds : null);
  if (seconds === null || seconds === undefined) throw unusable("no_print_time");
  const source = chosen?.filaments.length ? chosen.filaments : metadata.plates.length <= 1 ? metadata.filaments : [];
  const filaments = source
    .map((f, i) => ({ slot: f.amsSlot ?? i + 1, type: f.type, color: f.color, grams: f.grams }))
    .filter((f): f is PlateFigures["filaments"][number] => f.grams !== undefined && f.grams > 0);
  const statedGrams = chosen?.filamentGrams ?? (metadata.plates.length <= 1 ? metadata.filamentGrams : null);
  if (filaments.length === 0 && statedGrams) filaments.push({ slot: 1, type: source[0]?.type ?? null, color: source[0]?.color ?? null, grams: statedGrams });
  if (filaments.length === 0) throw unusable("no_filament");
  return { plate: chosen?.index ?? null, printSeconds: seconds, filaments };
}

interface MaterialRow {
  id: string;
  type: string;
  brand: string;
  color: string;
  pricePerKgCents: number;
}

const same = (a: string | null, b: string | null) => a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
const labelOf = (m: MaterialRow) => `${m.brand} ${m.type} ${m.color}`.trim();

/** The chosen material of each slot; unchosen: the first material of the filament's type, else the fallback price. */
async function priceFilaments(filaments: PlateFigures["filaments"], choices: QuoteInput["materials"]): Promise<QuoteFilament[]> {
  const materials: MaterialRow[] = await db.material.findMany({
    where: { archivedAt: null },
    select: { id: true, type: true, brand: true, color: true, pricePerKgCents: true },
    orderBy: { createdAt: "asc" },
  });
  const { fallbackMaterialCentsPerKg } = await readBusinessSettings();
  return filaments.map((filament) => {
    const choice = choices?.find((c) => c.slot === filament.slot);
    const chosen = choice ? materials.find((m) => m.id === choice.materialId) : undefined;
    if (choice && !chosen) {
      throw apiError("validation_failed", { issues: [{ path: "materials", code: "custom", message: "unknown_material" }] });
    }
    const material = chosen ?? materials.find((m) => same(m.type, filament.type));
    return {
      ...filament,
      materialId: material?.id ?? null,
      materialLabel: material ? labelOf(material) : null,
      pricePerKgCents: material?.pricePerKgCents ?? fallbackMaterialCentsPerKg,
    };
  });
}

/** Milligrams, as a job's filament use is recorded. */
const milligrams = (grams: number) => Math.round(grams * 1000) / 1000;

export async function computeQuote(input: QuoteInput, now = new Date()): Promise<QuoteComputation> {
  const file = await readQuoteFile(input.fileId);
  const figures = plateFigures(file.metadata, input.plate);
  const filaments = await priceFilaments(figures.filaments, input.materials);
  const rate = await rateAt(now);
  const labourMinutes = input.labourMinutes ?? 0;
  const markupBp = input.markupBp ?? rate.defaultMarkupBp;
  const unit = pricePrint({
    materials: filaments.map((f) => ({ grams: milligrams(f.grams), pricePerKgCents: f.pricePerKgCents, ...(f.materialLabel ? { label: f.materialLabel } : {}) })),
    printSeconds: Math.round(figures.printSeconds),
    labourMinutes,
    businessUse: true,
    rate,
    markupBp,
    ...(input.vatRateBp === undefined ? {} : { vatRateBp: input.vatRateBp }),
  });
  const times = (cents: number) => cents * input.copies;
  return {
    fileId: file.fileId,
    fileName: file.fileName,
    plate: figures.plate,
    plates: (file.metadata?.plates ?? []).map((p) => ({ index: p.index, name: p.name ?? null })),
    copies: input.copies,
    printSeconds: Math.round(figures.printSeconds),
    filaments,
    labourMinutes,
    markupBp,
    lines: storedLines(unit),
    unit: { netCents: unit.netCents, vatCents: unit.vatCents, grossCents: unit.grossCents },
    total: { netCents: times(unit.netCents), vatCents: times(unit.vatCents), grossCents: times(unit.grossCents) },
    vatRateBp: unit.vatRateBp,
    treatment: unit.treatment,
    invoiceNoteKey: unit.invoiceNoteKey,
    priceVersion: rate.id,
  };
}
