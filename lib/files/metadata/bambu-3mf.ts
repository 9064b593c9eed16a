import { parseModelSettings, type ModelSettings, type ProjectPlate } from "./bambu-model-settings";
import { parseProjectSettings, type ProjectSettings } from "./bambu-project-settings";
import { parseSliceInfo, type SlicedPlate, type SliceInfo } from "./bambu-slice-info";
import { MAX_PLATES } from "./limits";
import { mergeFilaments } from "./merge-filaments";
import { roundTo, sumDefined } from "./sanitize";
import type { PlateInfo, PrintFileKind, PrintFileMetadata, SlicerInfo, ThumbnailInfo } from "./types";
import { hasEntry, readImageEntryHeader, readTextEntry, type OpenZip } from "./zip-reading";

/**
 * A Bambu Studio (or OrcaSlicer) 3MF, sliced (.gcode.3mf: slice_info has per-plate time
 * and grams) or a project (.3mf: plates and settings, no estimates).
 */

export function isBambuProject(zip: OpenZip): boolean {
  return ["Metadata/slice_info.config", "Metadata/model_settings.config", "Metadata/project_settings.config"].some(
    (name) => hasEntry(zip, name),
  );
}

/** Sliced plates of a .gcode.3mf (those with G-code), all plates of a project. */
export function plateIndices(kind: PrintFileKind, zip: OpenZip, sliceInfo: SliceInfo, settings: ModelSettings): number[] {
  const fromEntries = (pattern: RegExp) =>
    [...zip.directory.entries.keys()].flatMap((name) => {
      const match = pattern.exec(name);
      return match ? [Number(match[1])] : [];
    });
  const candidates =
    kind === "gcode.3mf"
      ? [sliceInfo.plates.map((plate) => plate.index), fromEntries(/^Metadata\/plate_(\d{1,4})\.gcode$/)]
      : [settings.plates.map((plate) => plate.index), fromEntries(/^Metadata\/plate_(\d{1,4})\.png$/)];
  const found = candidates.find((indices) => indices.length > 0) ?? [1];
  return [...new Set(found)]
    .filter((index) => index >= 1 && index <= MAX_PLATES)
    .sort((a, b) => a - b);
}

function thumbnailEntry(zip: OpenZip, index: number, project?: ProjectPlate): string | undefined {
  return [project?.thumbnailEntry, `Metadata/plate_${index}.png`].find(
    (name): name is string => name !== undefined && hasEntry(zip, name),
  );
}

function plateInfo(index: number, sliced: SlicedPlate | undefined, project: ProjectPlate | undefined, entry?: string): PlateInfo {
  const objects = sliced?.objects.length ? sliced.objects : project?.objects;
  return {
    index,
    ...(project?.name === undefined ? {} : { name: project.name }),
    ...(sliced?.printSeconds === undefined ? {} : { printSeconds: sliced.printSeconds }),
    ...(sliced?.weightGrams === undefined ? {} : { filamentGrams: sliced.weightGrams }),
    filaments: sliced?.filaments ?? [],
    ...(objects === undefined || objects.length === 0 ? {} : { objects }),
    ...(entry === undefined ? {} : { thumbnailEntry: entry }),
  };
}

async function plateThumbnails(zip: OpenZip, plates: PlateInfo[]): Promise<ThumbnailInfo[]> {
  const thumbnails: ThumbnailInfo[] = [];
  for (const plate of plates) {
    const names = [plate.thumbnailEntry, `Metadata/plate_${plate.index}_small.png`];
    for (const name of new Set(names)) {
      if (name === undefined) continue;
      const header = await readImageEntryHeader(zip, name);
      if (header) thumbnails.push({ width: header.width, height: header.height, format: header.format, plate: plate.index });
    }
  }
  return thumbnails;
}

function slicerOf(application: SlicerInfo | null, sliceInfo: SliceInfo, settings: ProjectSettings): SlicerInfo | null {
  if (application) return application;
  const version = sliceInfo.clientVersion ?? settings.slicerVersion;
  return version === undefined ? null : { name: "BambuStudio", version };
}

export async function readSliceInfo(zip: OpenZip): Promise<SliceInfo> {
  return parseSliceInfo((await readTextEntry(zip, "Metadata/slice_info.config")) ?? "");
}

export async function readModelSettings(zip: OpenZip): Promise<ModelSettings> {
  return parseModelSettings((await readTextEntry(zip, "Metadata/model_settings.config")) ?? "");
}

export async function readBambu3mf(
  zip: OpenZip,
  kind: PrintFileKind,
  application: SlicerInfo | null,
): Promise<PrintFileMetadata> {
  const sliceInfo = await readSliceInfo(zip);
  const modelSettings = await readModelSettings(zip);
  const projectSettings = parseProjectSettings((await readTextEntry(zip, "Metadata/project_settings.config")) ?? "");

  const plates = plateIndices(kind, zip, sliceInfo, modelSettings).map((index) => {
    const project = modelSettings.plates.find((plate) => plate.index === index);
    const sliced = sliceInfo.plates.find((plate) => plate.index === index);
    return plateInfo(index, sliced, project, thumbnailEntry(zip, index, project));
  });
  const slicedFilaments = mergeFilaments(plates.map((plate) => plate.filaments));
  const configuredFilaments = projectSettings.filaments.map((filament, slot) => ({ ...filament, amsSlot: slot + 1 }));
  const printSeconds = sumDefined(plates.map((plate) => plate.printSeconds));
  const filamentGrams = sumDefined(plates.map((plate) => plate.filamentGrams));
  const filamentMeters = sumDefined(slicedFilaments.map((filament) => filament.meters));
  const objects = [...new Set(plates.flatMap((plate) => plate.objects ?? []))];
  const firstSliced = sliceInfo.plates[0];

  return {
    kind,
    plates,
    printSeconds: printSeconds ?? null,
    filamentGrams: filamentGrams === undefined ? null : roundTo(filamentGrams, 2),
    filamentMeters: filamentMeters === undefined ? null : roundTo(filamentMeters, 3),
    filaments: slicedFilaments.length > 0 ? slicedFilaments : configuredFilaments,
    layerHeight: projectSettings.layerHeight ?? null,
    nozzleDiameter: firstSliced?.nozzleDiameter ?? projectSettings.nozzleDiameter ?? null,
    printerModel: projectSettings.printerModel ?? null,
    printerModelId: firstSliced?.printerModelId ?? null,
    slicer: slicerOf(application, sliceInfo, projectSettings),
    ...(objects.length > 0 ? { objects } : modelSettings.objects.length > 0 ? { objects: modelSettings.objects } : {}),
    thumbnails: await plateThumbnails(zip, plates),
  };
}
