import { db } from "@/lib/db";
import { printFileMetadataSchema, type PrintFileMetadata } from "@/lib/files/metadata/types";
import type { ClosedStatus } from "./machine";

/**
 * Filament a job used, from the slice info of its file as the file listing stored it
 * (PrinterFile.metadata, read by lib/files/metadata). Printers do not report grams:
 * Bambu's AMS "remain" is a coarse percentage (and fixed on the A1's AMS lite), PrusaLink
 * reports none. A print that ended early used about its progress share.
 */

/** Grams of the print, when the file holds one plate: which plate of several was printed is not reported. */
export function plannedGrams(metadata: PrintFileMetadata): number | null {
  if (metadata.plates.length > 1) return null;
  return metadata.plates[0]?.filamentGrams ?? metadata.filamentGrams;
}

export function usedGrams(planned: number, status: ClosedStatus, progress: number): number {
  const share = status === "finished" ? 1 : Math.min(Math.max(progress, 0), 100) / 100;
  return Math.round(planned * share * 10) / 10;
}

export async function filamentOfJob(printerId: string, fileName: string | null, status: ClosedStatus, progress: number): Promise<number | null> {
  if (!fileName) return null;
  const file = await db.printerFile.findUnique({ where: { printerId_path: { printerId, path: fileName } }, select: { metadata: true } });
  if (!file?.metadata) return null;
  const parsed = printFileMetadataSchema.safeParse(JSON.parse(file.metadata));
  if (!parsed.success) return null;
  const planned = plannedGrams(parsed.data);
  return planned === null ? null : usedGrams(planned, status, progress);
}
