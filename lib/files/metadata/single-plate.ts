import type { SlicerSummary } from "./slicer-config";
import type { PrintFileKind, PrintFileMetadata, SlicerInfo, ThumbnailInfo } from "./types";

/** Metadata of a file that is one print (text or binary G-code, a PrusaSlicer project). */
export function singlePlateMetadata(
  kind: PrintFileKind,
  summary: SlicerSummary,
  slicer: SlicerInfo | null,
  thumbnails: ThumbnailInfo[],
): PrintFileMetadata {
  return {
    kind,
    plates: [
      {
        index: 1,
        ...(summary.printSeconds === undefined ? {} : { printSeconds: summary.printSeconds }),
        ...(summary.filamentGrams === undefined ? {} : { filamentGrams: summary.filamentGrams }),
        filaments: summary.filaments,
        ...(summary.objects === undefined ? {} : { objects: summary.objects }),
      },
    ],
    printSeconds: summary.printSeconds ?? null,
    filamentGrams: summary.filamentGrams ?? null,
    filamentMeters: summary.filamentMeters ?? null,
    filaments: summary.filaments,
    layerHeight: summary.layerHeight ?? null,
    nozzleDiameter: summary.nozzleDiameter ?? null,
    printerModel: summary.printerModel ?? null,
    printerModelId: null,
    slicer,
    ...(summary.objects === undefined ? {} : { objects: summary.objects }),
    thumbnails,
  };
}
