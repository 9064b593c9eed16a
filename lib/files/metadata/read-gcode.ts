import type { ByteSource } from "./byte-source";
import { readGcodeText } from "./gcode-text";
import { decodeGcodeThumbnail, scanGcodeThumbnails } from "./gcode-thumbnails";
import { singlePlateMetadata } from "./single-plate";
import { parseSlicerKeyValues, summarizeSlicerConfig } from "./slicer-config";
import { findGcodeProducer } from "./slicer-producer";
import type { PrintFileMetadata } from "./types";

export async function readGcodeMetadata(source: ByteSource): Promise<PrintFileMetadata> {
  const { head, tail } = await readGcodeText(source);
  const headText = head.toString("utf8");
  // The tail's summary is written after printing is planned: it wins over anything earlier.
  const config = parseSlicerKeyValues(tail.toString("utf8"), { comments: true });
  parseSlicerKeyValues(headText, { comments: true }, config);
  const thumbnails = scanGcodeThumbnails(head.toString("latin1"))
    .complete.map(decodeGcodeThumbnail)
    .flatMap((decoded) => (decoded ? [decoded.header] : []));
  return singlePlateMetadata("gcode", summarizeSlicerConfig(config), findGcodeProducer(headText), thumbnails);
}
