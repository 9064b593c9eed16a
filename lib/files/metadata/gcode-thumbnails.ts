import { readImageHeader, type ImageHeader } from "./image-header";
import { MAX_IMAGE_SIDE, MAX_THUMBNAILS } from "./limits";
import type { ThumbnailFormat } from "./types";

/**
 * Thumbnails embedded in text G-code as base64 comment blocks:
 *   ; thumbnail begin 16x16 656          (PNG; `thumbnail_JPG`, `thumbnail_QOI` for the others,
 *   ; iVBORw0KGgo...                       `thumbnail_OQI` from an old PrusaSlicer typo)
 *   ; thumbnail end
 * Scanned over latin1 text, so string offsets are byte offsets into the file.
 */

export interface GcodeThumbnail {
  format: ThumbnailFormat;
  width: number;
  height: number;
  base64: string;
}

export interface GcodeThumbnailScan {
  complete: GcodeThumbnail[];
  /** A block that runs to the end of the scanned text: read further from `offset` to get it. */
  cutOff?: { offset: number; declaredLength: number };
}

const BEGIN = /^;\s*thumbnail(?:_(PNG|JPG|QOI|OQI))?\s+begin\s+(\d{1,5})x(\d{1,5})\s+(\d{1,9})\s*$/i;
const END = /^;\s*thumbnail(?:_[A-Z]+)?\s+end\s*$/i;
const BASE64_LINE = /^;\s?([A-Za-z0-9+/=]*)\s*$/;

function formatOf(tag: string | undefined): ThumbnailFormat {
  switch (tag?.toUpperCase()) {
    case "JPG":
      return "jpg";
    case "QOI":
    case "OQI":
      return "qoi";
    default:
      return "png";
  }
}

export function scanGcodeThumbnails(text: string): GcodeThumbnailScan {
  const complete: GcodeThumbnail[] = [];
  let open: { format: ThumbnailFormat; width: number; height: number; declaredLength: number; offset: number } | null =
    null;
  let chunks: string[] = [];
  let pos = 0;
  while (pos < text.length && complete.length < MAX_THUMBNAILS) {
    const newline = text.indexOf("\n", pos);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(pos, lineEnd).trimEnd();
    const lineStart = pos;
    pos = lineEnd + 1;
    const begin = BEGIN.exec(line);
    if (begin) {
      const width = Number(begin[2]);
      const height = Number(begin[3]);
      open =
        width > 0 && height > 0 && width <= MAX_IMAGE_SIDE && height <= MAX_IMAGE_SIDE
          ? { format: formatOf(begin[1]), width, height, declaredLength: Number(begin[4]), offset: lineStart }
          : null;
      chunks = [];
      continue;
    }
    if (!open) continue;
    if (END.test(line)) {
      complete.push({ format: open.format, width: open.width, height: open.height, base64: chunks.join("") });
      open = null;
      continue;
    }
    const data = BASE64_LINE.exec(line);
    if (data) {
      chunks.push(data[1]);
    } else {
      open = null;
    }
  }
  if (open && pos >= text.length) {
    return { complete, cutOff: { offset: open.offset, declaredLength: open.declaredLength } };
  }
  return { complete };
}

/** Decodes an embedded thumbnail and checks it is the image its block announces. */
export function decodeGcodeThumbnail(thumbnail: GcodeThumbnail): { data: Buffer; header: ImageHeader } | null {
  const data = Buffer.from(thumbnail.base64, "base64");
  const header = readImageHeader(data);
  return header && header.format === thumbnail.format ? { data, header } : null;
}
