import type { ByteSource } from "./byte-source";
import { readGcodeText } from "./gcode-text";
import { decodeGcodeThumbnail, scanGcodeThumbnails, type GcodeThumbnail } from "./gcode-thumbnails";
import { isDisplayable } from "./image-header";
import { MAX_THUMBNAIL_BYTES } from "./limits";
import { bySize } from "./pick-thumbnail";
import type { ThumbnailImage } from "./types";

/** Base64 grows data by 4/3; comment prefixes and line breaks add a little more. */
const MAX_BLOCK_TEXT = Math.ceil((MAX_THUMBNAIL_BYTES * 4) / 3) * 1.1;

/**
 * Text G-code thumbnails. One that starts in the head but does not end there (a large
 * picture) is read on from where it starts, up to the thumbnail cap.
 */
async function allThumbnails(source: ByteSource): Promise<GcodeThumbnail[]> {
  const { head } = await readGcodeText(source);
  const scan = scanGcodeThumbnails(head.toString("latin1"));
  if (!scan.cutOff) return scan.complete;
  const { offset, declaredLength } = scan.cutOff;
  const length = Math.min(source.size - offset, Math.ceil(Math.min(declaredLength * 1.1, MAX_BLOCK_TEXT)) + 64 * 1024);
  const rest = scanGcodeThumbnails((await source.read(offset, length)).toString("latin1"));
  return [...scan.complete, ...rest.complete];
}

export async function readGcodeThumbnail(
  source: ByteSource,
  plate: number | undefined,
  preferLargest: boolean,
): Promise<ThumbnailImage | null> {
  if (plate !== undefined && plate !== 1) return null;
  const displayable = (await allThumbnails(source)).filter((thumbnail) => thumbnail.format !== "qoi");
  for (const thumbnail of bySize(displayable, preferLargest)) {
    const decoded = decodeGcodeThumbnail(thumbnail);
    if (decoded && isDisplayable(decoded.header)) {
      return { data: decoded.data, format: decoded.header.format, width: decoded.header.width, height: decoded.header.height };
    }
  }
  return null;
}
