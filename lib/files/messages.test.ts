import { describe, expect, it } from "vitest";
import de from "@/messages/de/files.json";
import en from "@/messages/en/files.json";
import { downloadErrorCodes } from "@/worker/files/download-errors";
import { fileSorts, fileStatuses, fileTypes } from "./schemas";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("files messages", () => {
  it("German and English have the same keys", () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it("name every status, type, sort and download error", () => {
    const all = new Set(keys(de));
    for (const s of fileStatuses) expect(all.has(`status.${s}`), s).toBe(true);
    for (const t of fileTypes) expect(all.has(`types.${t === "gcode.3mf" ? "gcode3mf" : t}`), t).toBe(true);
    for (const s of fileSorts) expect(all.has(`sort.${s}`), s).toBe(true);
    for (const code of downloadErrorCodes) expect(all.has(`errors.${code}`), code).toBe(true);
  });
});
