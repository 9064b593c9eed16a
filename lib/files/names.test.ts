import path from "node:path";
import { describe, expect, it } from "vitest";
import { displayName, MAX_NAME_BYTES, numberedName, PathEscapeError, resolveInside, sanitizeFileName, sanitizeSegment } from "./names";

describe("sanitizeSegment", () => {
  it("keeps ordinary names", () => {
    expect(sanitizeSegment("Benchy_0.2mm_PLA_A1_1h2m.gcode.3mf")).toBe("Benchy_0.2mm_PLA_A1_1h2m.gcode.3mf");
    expect(sanitizeSegment("Größe Teil.bgcode")).toBe("Größe Teil.bgcode");
  });

  it("never yields a traversal segment", () => {
    expect(sanitizeSegment("..")).toBe("file");
    expect(sanitizeSegment(".")).toBe("file");
    expect(sanitizeSegment("../../etc/passwd")).toBe("_.._etc_passwd");
    expect(sanitizeSegment("..\\..\\boot.ini")).toBe("_.._boot.ini");
    expect(sanitizeSegment("/etc/passwd")).toBe("_etc_passwd");
  });

  it("removes control characters and NUL", () => {
    expect(sanitizeSegment("a\u0000b\nc\u001b[31m\u0085.gcode")).toBe("abc[31m.gcode");
  });

  it("renames Windows reserved names and strips trailing dots", () => {
    expect(sanitizeSegment("CON")).toBe("_CON");
    expect(sanitizeSegment("nul.gcode")).toBe("_nul.gcode");
    expect(sanitizeSegment("model. ")).toBe("model");
  });

  it("normalizes to NFC and replaces undecodable characters", () => {
    const decomposed = "Gro\u0308ße.gcode";
    expect(sanitizeSegment(decomposed)).toBe("Größe.gcode");
    expect(sanitizeSegment(Buffer.from([0x66, 0xff, 0xfe, 0x2e, 0x67]).toString("utf8"))).toBe("f__.g");
  });

  it("limits very long names by bytes, keeping the extension and whole characters", () => {
    const long = `${"ä".repeat(400)}.gcode.3mf`;
    const out = sanitizeSegment(long);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(out.endsWith(".gcode.3mf")).toBe(true);
    expect(out).not.toContain("\uFFFD");
  });

  it("takes the last segment of printer paths", () => {
    expect(sanitizeFileName("/cache/../x.gcode.3mf")).toBe("x.gcode.3mf");
    expect(sanitizeFileName("/usb/FOLDER/")).toBe("FOLDER");
    expect(sanitizeFileName("/")).toBe("file");
  });
});

describe("numberedName", () => {
  it("inserts the number before the extension", () => {
    expect(numberedName("part.gcode.3mf", 2)).toBe("part (2).gcode.3mf");
    expect(numberedName("README", 3)).toBe("README (3)");
  });
});

describe("resolveInside", () => {
  const root = path.resolve("/srv/files");
  it("resolves relative paths below the root", () => {
    expect(resolveInside(root, "A1/2026-11-25/x.3mf")).toBe(path.join(root, "A1/2026-11-25/x.3mf"));
  });
  it("refuses escapes, absolute paths, NUL and the root itself", () => {
    for (const bad of ["../x", "a/../../x", "/etc/passwd", "a\0b", "", ".", "a/.."]) {
      expect(() => resolveInside(root, bad), bad).toThrow(PathEscapeError);
    }
  });
});

describe("displayName", () => {
  it.each([
    ["invoice\u202Eedoc.gcode", "invoiceedoc.gcode"],
    ["ben\u200Bchy.3mf", "benchy.3mf"],
    ["\u2066part\u2069.bgcode", "part.bgcode"],
    ["\uFEFFplate.gcode", "plate.gcode"],
    ["a\u200Fb\u200E\u061Cc.gcode", "abc.gcode"],
    ["Cafe\u0301.gcode", "Café.gcode"],
    ["\u202E\u200B", "file"],
  ])("removes what hides or reorders text from %j", (raw, expected) => {
    expect(displayName(raw)).toBe(expected);
  });

  it("keeps the same characters out of local file names", () => {
    expect(sanitizeSegment("invoice\u202Eedoc.gcode")).toBe("invoiceedoc.gcode");
    expect(sanitizeFileName("/cache/ben\u200Bchy.gcode.3mf")).toBe("benchy.gcode.3mf");
  });
});
