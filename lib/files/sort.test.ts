import { describe, expect, it } from "vitest";
import type { FileView } from "./schemas";
import { fileComparator } from "./sort";

function file(id: string, size: number | null, name = `${id}.bgcode`): FileView {
  return {
    id,
    source: "printer",
    name,
    type: "bgcode",
    printerId: "p1",
    printerName: "Core One Halle",
    path: `/usb/${name}`,
    status: "available",
    printerDisabled: false,
    size,
    sha256: null,
    modifiedAt: "2026-11-20T08:00:00.000Z",
    localFileId: null,
    thumbnailUrl: null,
    contentUrl: null,
    needsSlicing: false,
    printSeconds: null,
    filamentGrams: null,
    filaments: [],
    download: null,
  };
}

const files = [file("a", 300), file("b", null), file("c", 0), file("d", 5_000), file("e", null)];
const sorted = (sort: "size" | "-size") => [...files].sort(fileComparator(sort)).map((f) => f.id);

describe("sorting the files list by size", () => {
  it("puts unknown sizes after every known one, smallest first", () => {
    expect(sorted("size")).toEqual(["c", "a", "d", "b", "e"]);
  });

  it("puts unknown sizes after every known one, largest first too", () => {
    expect(sorted("-size")).toEqual(["d", "a", "c", "b", "e"]);
  });

  it("still orders by name within equal sizes", () => {
    const same = [file("x", 10, "Zahnrad.bgcode"), file("y", 10, "Achse.bgcode")];
    expect(same.sort(fileComparator("-size")).map((f) => f.id)).toEqual(["y", "x"]);
  });
});
