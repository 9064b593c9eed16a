import { printerKinds, type PrinterKind } from "@/lib/printers/types";
import type { FileType } from "./schemas";

/**
 * The file types each printer kind can print. Bambu starts sliced 3MF projects
 * (project_file); its bare .gcode needs model-specific commands we do not send.
 * PrusaLink printers print plain and binary G-code, never 3MF.
 */
export const printableTypes: Record<PrinterKind, readonly FileType[]> = {
  bambu: ["gcode.3mf", "3mf"],
  prusalink: ["gcode", "bgcode"],
};

/** `kind` as stored (a string); unknown kinds print nothing. */
export function canPrint(kind: string, type: FileType): boolean {
  return printerKinds.some((known) => known === kind && printableTypes[known].includes(type));
}
