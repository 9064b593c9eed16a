export { MetadataError, type MetadataErrorCode } from "./errors";
export { readPrintFileMetadata, readPrintFileMetadataFromSource } from "./read-metadata";
export { readThumbnail, readThumbnailFromSource } from "./read-thumbnail";
export { parseSliceInfo, type SliceInfo, type SlicedPlate } from "./bambu-slice-info";
export { parseSlicerKeyValues, summarizeSlicerConfig, type SlicerSummary } from "./slicer-config";
export { memorySource, withFileSource, type ByteSource } from "./byte-source";
export * from "./types";
