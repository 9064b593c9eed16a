import { findDescriptor } from "@/lib/printers/registry";
import { printFileMetadataSchema } from "./metadata/types";
import type { FileType } from "./schemas";

/** `kind` as stored (a string): whether its printers can print the type; unknown kinds print nothing. */
export function canPrint(kind: string, type: FileType): boolean {
  return findDescriptor(kind)?.printableTypes.some((printable) => printable === type) ?? false;
}

/** Whether stored metadata (JSON, as the files tables keep it) is a 3MF project without sliced plates. */
export function needsSlicing(metadataJson: string | null): boolean {
  if (!metadataJson) return false;
  try {
    const parsed = printFileMetadataSchema.safeParse(JSON.parse(metadataJson));
    return parsed.success && parsed.data.kind === "3mf";
  } catch {
    return false;
  }
}
