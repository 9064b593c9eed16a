import { isBambuProject } from "./bambu-3mf";
import { parseModelSettings, type ModelSettings } from "./bambu-model-settings";
import { isDisplayable, readImageHeader } from "./image-header";
import { MAX_THUMBNAIL_BYTES } from "./limits";
import { PROJECT_THUMBNAIL_ENTRY } from "./prusa-3mf";
import type { ThumbnailImage } from "./types";
import { readZipEntry } from "./zip-entry";
import { hasEntry, readTextEntry, type OpenZip } from "./zip-reading";

/** A 3MF's picture: Bambu's per-plate `plate_N.png` / `plate_N_small.png`, else the project thumbnail. */

function firstPlate(zip: OpenZip, settings: ModelSettings): number {
  const indices = [
    ...settings.plates.map((plate) => plate.index),
    ...[...zip.directory.entries.keys()].flatMap((name) => {
      const match = /^Metadata\/plate_(\d{1,4})\.png$/.exec(name);
      return match ? [Number(match[1])] : [];
    }),
  ];
  return indices.length > 0 ? Math.min(...indices) : 1;
}

async function candidateEntries(zip: OpenZip, requestedPlate: number | undefined, preferLargest: boolean): Promise<string[]> {
  const settings = parseModelSettings((await readTextEntry(zip, "Metadata/model_settings.config")) ?? "");
  const plate = requestedPlate ?? (isBambuProject(zip) ? firstPlate(zip, settings) : 1);
  const large = [settings.plates.find((candidate) => candidate.index === plate)?.thumbnailEntry, `Metadata/plate_${plate}.png`];
  const small = [`Metadata/plate_${plate}_small.png`];
  const project = plate === 1 ? [PROJECT_THUMBNAIL_ENTRY] : [];
  const ordered = preferLargest ? [...large, ...small, ...project] : [...small, ...large, ...project];
  return [...new Set(ordered)].filter((name): name is string => name !== undefined && hasEntry(zip, name));
}

export async function readZipThumbnail(
  zip: OpenZip,
  plate: number | undefined,
  preferLargest: boolean,
): Promise<ThumbnailImage | null> {
  for (const name of await candidateEntries(zip, plate, preferLargest)) {
    const entry = zip.directory.entries.get(name);
    if (!entry) continue;
    const data = await readZipEntry(zip.source, entry, MAX_THUMBNAIL_BYTES);
    const header = readImageHeader(data);
    if (header && isDisplayable(header)) return { data, format: header.format, width: header.width, height: header.height };
  }
  return null;
}
