import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { candidateNames, pickFile, thumbnailsOf, type StoredFile } from "./thumbnails";

describe("which stored file a printer prints", () => {
  const seen = new Date("2026-11-25T10:00:00Z");
  const file = (id: string, path: string, extra: Partial<StoredFile> = {}): StoredFile => ({
    id,
    printerId: "p1",
    path,
    name: path.split("/").pop() ?? path,
    goneAt: null,
    seenAt: seen,
    hasThumbnail: true,
    ...extra,
  });

  it("names the base name first, then the job name with each print-file suffix", () => {
    expect(candidateNames({ printerId: "p1", fileName: "/data/Metadata/plate_1.gcode", jobName: "Bracket" })).toEqual([
      "plate_1.gcode",
      "Bracket.gcode.3mf",
      "Bracket.3mf",
      "Bracket.bgcode",
      "Bracket.gcode",
    ]);
  });

  it("takes the exact path over a file of the same name elsewhere", () => {
    const stored = [file("a", "/usb/other/CLIP.BGC"), file("b", "/usb/CLIP.BGC")];
    expect(pickFile({ printerId: "p1", fileName: "/usb/CLIP.BGC", jobName: "Clip" }, stored)?.id).toBe("b");
  });

  it("finds a Bambu project by job name when the printer reports the plate inside it", () => {
    const stored = [file("a", "/cache/Bracket.gcode.3mf"), file("z", "/cache/Other.gcode.3mf")];
    expect(pickFile({ printerId: "p1", fileName: "/data/Metadata/plate_1.gcode", jobName: "Bracket" }, stored)?.id).toBe("a");
  });

  it("prefers a file still on the printer, then the one seen last", () => {
    const stored = [
      file("gone", "/a/Clip.3mf", { goneAt: seen, seenAt: new Date("2026-11-26T00:00:00Z") }),
      file("old", "/b/Clip.3mf", { seenAt: new Date("2026-11-20T00:00:00Z") }),
      file("new", "/c/Clip.3mf"),
    ];
    expect(pickFile({ printerId: "p1", fileName: "Clip.3mf", jobName: null }, stored)?.id).toBe("new");
  });

  it("never takes another printer's file", () => {
    expect(pickFile({ printerId: "p2", fileName: "/usb/CLIP.BGC", jobName: "Clip" }, [file("a", "/usb/CLIP.BGC")])).toBeNull();
  });
});

describe("thumbnails of the files being printed", () => {
  let cleanup: () => Promise<void>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ cleanup } = await useTempDatabase());
    const printer = (name: string) => db.printer.create({ data: { name, kind: "prusalink", host: "127.0.0.1", model: "MK4", credentials: "{}" } });
    ids.mk4 = (await printer("MK4")).id;
    ids.a1 = (await printer("A1")).id;
    ids.core = (await printer("Core One")).id;
    const seenAt = new Date();
    ids.own = (await db.printerFile.create({ data: { printerId: ids.mk4, path: "/usb/CLIP.BGC", name: "CLIP.BGC", seenAt, thumbnailPath: "thumbs/pf-1.png" } })).id;
    // Downloaded: the picture came from the local copy's metadata.
    ids.local = (await db.printerFile.create({ data: { printerId: ids.a1, path: "/cache/Bracket.gcode.3mf", name: "Bracket.gcode.3mf", seenAt } })).id;
    await db.localFile.create({
      data: { relativePath: "A1/2026-11-25/Bracket.gcode.3mf", name: "Bracket.gcode.3mf", size: 1, sha256: "0".repeat(64), printerFileId: ids.local, thumbnailPath: "thumbs/lf.png" },
    });
    await db.printerFile.create({ data: { printerId: ids.core, path: "/usb/BOX.BGC", name: "BOX.BGC", seenAt } });
  });
  afterAll(() => cleanup());

  it("resolves several printers together, through the files' own picture route", async () => {
    const result = await thumbnailsOf([
      { printerId: ids.mk4, fileName: "/usb/CLIP.BGC", jobName: "Clip" },
      { printerId: ids.a1, fileName: "/data/Metadata/plate_1.gcode", jobName: "Bracket" },
      { printerId: ids.core, fileName: "/usb/BOX.BGC", jobName: "Box" },
      { printerId: ids.core, fileName: "/usb/NEW.BGC", jobName: "New" },
    ]);
    expect(result).toEqual([
      { printerId: ids.mk4, fileName: "/usb/CLIP.BGC", thumbnailUrl: `/api/files/${ids.own}/thumbnail` },
      { printerId: ids.a1, fileName: "/data/Metadata/plate_1.gcode", thumbnailUrl: `/api/files/${ids.local}/thumbnail` },
      { printerId: ids.core, fileName: "/usb/BOX.BGC", thumbnailUrl: null },
      { printerId: ids.core, fileName: "/usb/NEW.BGC", thumbnailUrl: null },
    ]);
  });

  it("gives each printer of a farm printing the same projects its own copy's picture", async () => {
    const seenAt = new Date();
    const farm: { printerId: string; fileId: string; part: number }[] = [];
    for (let i = 0; i < 120; i++) {
      const printerId = (await db.printer.create({ data: { name: `Farm ${i}`, kind: "bambu", host: "127.0.0.1", model: "A1", credentials: "{}" } })).id;
      await db.printerFile.createMany({
        data: Array.from({ length: 10 }, (_, n) => ({ printerId, path: `/cache/Part${n}.gcode.3mf`, name: `Part${n}.gcode.3mf`, seenAt, thumbnailPath: `thumbs/${i}-${n}.png` })),
      });
      const file = await db.printerFile.findFirstOrThrow({ where: { printerId, path: `/cache/Part${i % 10}.gcode.3mf` } });
      farm.push({ printerId, fileId: file.id, part: i % 10 });
    }
    // Half report the project's path, half (A1 style) only the plate inside it.
    const result = await thumbnailsOf(
      farm.map((f, i) => ({ printerId: f.printerId, fileName: i % 2 ? `/cache/Part${f.part}.gcode.3mf` : "/data/Metadata/plate_1.gcode", jobName: `Part${f.part}` })),
    );
    expect(result.map((r) => r.thumbnailUrl)).toEqual(farm.map((f) => `/api/files/${f.fileId}/thumbnail`));
  });

  it("asks nothing when no printer prints", async () => {
    expect(await thumbnailsOf([])).toEqual([]);
  });
});
