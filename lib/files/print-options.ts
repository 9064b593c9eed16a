import { apiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { resolveLocalFile } from "./actions";
import { fileTypeOf } from "./file-type";
import { printFileMetadataSchema, type PrintFileMetadata } from "./metadata/types";
import type { PrintOptions } from "./schemas";

function parsedMetadata(json: string | null): PrintFileMetadata | null {
  if (!json) return null;
  try {
    const parsed = printFileMetadataSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * What printing a file (a local copy, or a file only on a printer) can choose from: the file type (which printer
 * kinds take it) and the plates with the filaments each uses, from the stored metadata
 * of the copy or, failing that, of its printer file. A filament without a slot number
 * takes its position, as single-extruder files number them.
 */
export async function printOptions(id: string): Promise<PrintOptions> {
  const local = await resolveLocalFile(id);
  const onPrinter = local ? null : await db.printerFile.findUnique({ where: { id }, select: { name: true, metadata: true } });
  if (!local && !onPrinter) throw apiError("not_found");
  const source = local?.printerFileId ? await db.printerFile.findUnique({ where: { id: local.printerFileId }, select: { metadata: true } }) : onPrinter;
  const metadata = parsedMetadata(local?.metadata ?? null) ?? parsedMetadata(source?.metadata ?? null);
  return {
    type: fileTypeOf(local?.name ?? onPrinter?.name ?? ""),
    plates: (metadata?.plates ?? []).map((plate) => ({
      index: plate.index,
      name: plate.name ?? null,
      filaments: plate.filaments.map((f, i) => ({ slot: f.amsSlot ?? i + 1, type: f.type, color: f.color })),
    })),
  };
}
