import { logger } from "@/lib/log/logger";
import { BlockType, readBgcodeBlockData, walkBgcodeBlocks, type BgcodeBlock, type BgcodeLayout } from "./bgcode-blocks";
import type { ByteSource } from "./byte-source";
import { readImageHeader, type ImageHeader } from "./image-header";
import { MAX_METADATA_BYTES, MAX_THUMBNAIL_BYTES, MAX_THUMBNAILS } from "./limits";
import { singlePlateMetadata } from "./single-plate";
import { parseSlicerKeyValues, summarizeSlicerConfig } from "./slicer-config";
import { parseProducer } from "./slicer-producer";
import type { PrintFileMetadata, ThumbnailFormat, ThumbnailInfo } from "./types";

/** Prusa's binary G-code (.bgcode): metadata blocks are `key=value` lines (INI encoding). */

const log = logger("file-metadata");
const INI_ENCODING = 0;
const THUMBNAIL_FORMATS: readonly ThumbnailFormat[] = ["png", "jpg", "qoi"];

export interface BgcodeThumbnailBlock {
  block: BgcodeBlock;
  format: ThumbnailFormat;
  width: number;
  height: number;
}

export function bgcodeThumbnailBlocks(layout: BgcodeLayout): BgcodeThumbnailBlock[] {
  return layout.blocks
    .filter((block) => block.type === BlockType.thumbnail)
    .slice(0, MAX_THUMBNAILS)
    .flatMap((block) => {
      const [format, width, height] = block.parameters;
      const name = THUMBNAIL_FORMATS[format];
      return name && width > 0 && height > 0 ? [{ block, format: name, width, height }] : [];
    });
}

/** A thumbnail block's image, if it is the image its parameters announce. */
export async function readBgcodeThumbnail(
  source: ByteSource,
  layout: BgcodeLayout,
  thumbnail: BgcodeThumbnailBlock,
): Promise<{ data: Buffer; header: ImageHeader } | null> {
  const data = await readBgcodeBlockData(source, layout, thumbnail.block, MAX_THUMBNAIL_BYTES);
  const header = data && readImageHeader(data);
  return data && header && header.format === thumbnail.format ? { data, header } : null;
}

async function metadataText(source: ByteSource, layout: BgcodeLayout, type: number): Promise<string> {
  const block = layout.blocks.find((candidate) => candidate.type === type);
  if (!block || block.parameters[0] !== INI_ENCODING) return "";
  const data = await readBgcodeBlockData(source, layout, block, MAX_METADATA_BYTES);
  if (data === null) log.debug({ type, offset: block.start }, "heatshrink-compressed metadata block skipped");
  return data?.toString("utf8") ?? "";
}

export async function readBgcodeMetadata(source: ByteSource): Promise<PrintFileMetadata> {
  const layout = await walkBgcodeBlocks(source);
  // The print block holds the final estimates; the slicer block the full configuration.
  const config = new Map<string, string>();
  for (const type of [BlockType.printMetadata, BlockType.printerMetadata, BlockType.slicerMetadata]) {
    parseSlicerKeyValues(await metadataText(source, layout, type), { comments: false }, config);
  }
  const fileMetadata = parseSlicerKeyValues(await metadataText(source, layout, BlockType.fileMetadata), {
    comments: false,
  });
  const thumbnails: ThumbnailInfo[] = [];
  for (const thumbnail of bgcodeThumbnailBlocks(layout)) {
    const image = await readBgcodeThumbnail(source, layout, thumbnail);
    if (image) thumbnails.push(image.header);
  }
  return singlePlateMetadata("bgcode", summarizeSlicerConfig(config), parseProducer(fileMetadata.get("Producer")), thumbnails);
}
