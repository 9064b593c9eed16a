import type { FileType } from "./schemas";

export function fileTypeOf(name: string): FileType {
  const lower = name.toLowerCase();
  if (lower.endsWith(".gcode.3mf")) return "gcode.3mf";
  if (lower.endsWith(".3mf")) return "3mf";
  if (lower.endsWith(".bgcode") || lower.endsWith(".bgc")) return "bgcode";
  if (lower.endsWith(".gcode") || lower.endsWith(".gco") || lower.endsWith(".g")) return "gcode";
  return "other";
}
