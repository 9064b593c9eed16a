import { walkBgcodeBlocks } from "./bgcode-blocks";
import type { ByteSource } from "./byte-source";
import { isDisplayable } from "./image-header";
import { bySize } from "./pick-thumbnail";
import { bgcodeThumbnailBlocks, readBgcodeThumbnail } from "./read-bgcode";
import type { ThumbnailImage } from "./types";

/** Binary G-code thumbnails: PNG and JPEG blocks; QOI ones (for the printer's screen) are passed over. */
export async function readBgcodeThumbnailImage(
  source: ByteSource,
  plate: number | undefined,
  preferLargest: boolean,
): Promise<ThumbnailImage | null> {
  if (plate !== undefined && plate !== 1) return null;
  const layout = await walkBgcodeBlocks(source);
  const candidates = bgcodeThumbnailBlocks(layout).filter((thumbnail) => thumbnail.format !== "qoi");
  for (const thumbnail of bySize(candidates, preferLargest)) {
    const image = await readBgcodeThumbnail(source, layout, thumbnail);
    if (image && isDisplayable(image.header)) {
      return { data: image.data, format: image.header.format, width: image.header.width, height: image.header.height };
    }
  }
  return null;
}
