import { findDescriptor } from "@/lib/printers/registry";
import type { FileType } from "./schemas";

/** `kind` as stored (a string): whether its printers can print the type; unknown kinds print nothing. */
export function canPrint(kind: string, type: FileType): boolean {
  return findDescriptor(kind)?.printableTypes.some((printable) => printable === type) ?? false;
}
