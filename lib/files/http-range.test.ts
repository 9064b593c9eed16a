import { describe, expect, it } from "vitest";
import { contentDisposition, contentTypeOf, parseRange } from "./http-range";

describe("parseRange", () => {
  it("parses the single-range forms", () => {
    expect(parseRange("bytes=0-99", 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange("bytes=500-", 1000)).toEqual({ start: 500, end: 999 });
    expect(parseRange("bytes=-100", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange("bytes=900-5000", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange("bytes=-5000", 1000)).toEqual({ start: 0, end: 999 });
  });
  it("serves the whole file for absent, malformed or multiple ranges", () => {
    for (const h of [null, "", "items=0-1", "bytes=0-1,5-6", "bytes=5-1", "bytes=-", "bytes=abc"]) expect(parseRange(h, 1000), String(h)).toBeNull();
  });
  it("answers 416 past the end", () => {
    expect(parseRange("bytes=1000-", 1000)).toBe("unsatisfiable");
    expect(parseRange("bytes=-0", 1000)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-", 0)).toBe("unsatisfiable");
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the exact UTF-8 name", () => {
    expect(contentDisposition("Größe \"x\"; 100%.gcode")).toBe(
      `attachment; filename="Grosse _x__ 100_.gcode"; filename*=UTF-8''Gr%C3%B6%C3%9Fe%20%22x%22%3B%20100%25.gcode`,
    );
  });
  it("never lets a name break out of the header", () => {
    expect(contentDisposition("a\r\nSet-Cookie: x")).not.toMatch(/[\r\n]/);
  });
});

describe("contentTypeOf", () => {
  it("knows print files", () => {
    expect(contentTypeOf("x.gcode.3mf")).toBe("model/3mf");
    expect(contentTypeOf("X.BGC")).toBe("application/octet-stream");
    expect(contentTypeOf("x.bgcode")).toBe("application/x-bgcode");
    expect(contentTypeOf("x.gcode")).toBe("text/x.gcode");
  });
});
