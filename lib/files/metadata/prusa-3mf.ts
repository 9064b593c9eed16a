import { MAX_OBJECTS } from "./limits";
import { singlePlateMetadata } from "./single-plate";
import { parseSlicerKeyValues, summarizeSlicerConfig } from "./slicer-config";
import { findGcodeProducer } from "./slicer-producer";
import type { PrintFileMetadata, SlicerInfo, ThumbnailInfo } from "./types";
import { findElements, keyValueMetadata } from "./xml-elements";
import { textField } from "./xml-fields";
import { readImageEntryHeader, readTextEntry, type OpenZip } from "./zip-reading";

/**
 * A 3MF project from PrusaSlicer (and slicers that share its format): settings in
 * `Metadata/Slic3r_PE.config` as `; key = value` lines, object names in
 * `Metadata/Slic3r_PE_model.config`, one picture in `Metadata/thumbnail.png`.
 * Also the fallback for any other 3MF: whatever of that it has.
 */

export const PRUSA_CONFIG_ENTRY = "Metadata/Slic3r_PE.config";
export const PROJECT_THUMBNAIL_ENTRY = "Metadata/thumbnail.png";

function objectNames(xml: string): string[] {
  return findElements(xml, "object")
    .slice(0, MAX_OBJECTS)
    .flatMap((object) => {
      const name = textField.parse(keyValueMetadata(object.body ?? "").get("name"));
      return name === undefined ? [] : [name];
    });
}

export async function readPrusa3mf(zip: OpenZip, application: SlicerInfo | null): Promise<PrintFileMetadata> {
  const configText = (await readTextEntry(zip, PRUSA_CONFIG_ENTRY)) ?? "";
  const summary = summarizeSlicerConfig(parseSlicerKeyValues(configText, { comments: true }));
  const objects = objectNames((await readTextEntry(zip, "Metadata/Slic3r_PE_model.config")) ?? "");
  const header = await readImageEntryHeader(zip, PROJECT_THUMBNAIL_ENTRY);
  const thumbnails: ThumbnailInfo[] = header ? [{ width: header.width, height: header.height, format: header.format }] : [];
  return singlePlateMetadata(
    "3mf",
    objects.length > 0 ? { ...summary, objects } : summary,
    application ?? findGcodeProducer(configText),
    thumbnails,
  );
}
