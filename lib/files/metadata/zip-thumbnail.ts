import { isBambuProject, plateIndices, readModelSettings, readSliceInfo } from "./bambu-3mf";
import { isDisplayable, readImageHeader } from "./image-header";
import { MAX_THUMBNAIL_BYTES } from "./limits";
import { PROJECT_THUMBNAIL_ENTRY } from "./prusa-3mf";
import type { PrintFileKind, ThumbnailImage } from "./types";
import { readZipEntry } from "./zip-entry";
import { hasEntry, type OpenZip } from "./zip-reading";

/** A 3MF's picture: Bambu's per-plate `plate_N.png` / `plate_N_small.png`, else the project thumbnail. */

async function candidateEntries(
  zip: OpenZip,
  kind: PrintFileKind,
  requestedPlate: number | undefined,
  preferLargest: boolean,
): Promise<string[]> {
  const settings = await readModelSettings(zip);
  const plate =
    requestedPlate ?? (isBambuProject(zip) ? plateIndices(kind, zip, await readSliceInfo(zip), settings)[0] : 1);
  const large = [settings.plates.find((candidate) => candidate.index === plate)?.thumbnailEntry, `Metadata/plate_${plate}.png`];
  const small = [`Metadata/plate_${plate}_small.png`];
  const project = plate === 1 ? [PROJECT_THUMBNAIL_ENTRY] : [];
  const ordered = preferLargest ? [...large, ...small, ...project] : [...small, ...large, ...project];
  return [...new Set(ordered)].filter((name): name is string => name !== undefined && hasEntry(zip, name));
}

export async function readZipThumbnail(
  zip: OpenZip,
  kind: PrintFileKind,
  plate: number | undefined,
  preferLargest: boolean,
): Promise<ThumbnailImage | null> {
  for (const name of await candidateEntries(zip, kind, plate, preferLargest)) {
    const entry = zip.directory.entries.get(name);
    if (!entry) continue;
    const data = await readZipEntry(zip.source, entry, MAX_THUMBNAIL_BYTES);
    const header = readImageHeader(data);
    if (header && isDisplayable(header)) return { data, format: header.format, width: header.width, height: header.height };
  }
  return null;
}
