import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readFixture } from "@/test/fixtures";
import { memorySource } from "./byte-source";
import { MetadataError, type MetadataErrorCode } from "./errors";
import { readPrintFileMetadataFromSource } from "./read-metadata";
import { readThumbnailFromSource } from "./read-thumbnail";
import { buildBgcode } from "@/testing/files/metadata/bgcode-writer";
import { makePng } from "@/testing/files/metadata/images";
import { buildZip, type ZipInputEntry } from "@/testing/files/metadata/zip-writer";

const fixtureNames = [
  "bambu.gcode.3mf",
  "bambu-2-plates.gcode.3mf",
  "bambu-2-plates.3mf",
  "Shape-Box.3mf",
  "Shape-Box_0.4n_0.2mm_PLA_MK4ISMMU3_20m.bgcode",
  "sample.gcode",
];
const fixtureBytes = new Map(fixtureNames.map((name) => [name, readFixture("files", name)]));

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(seed: number, length: number): Buffer {
  const next = random(seed);
  return Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
}

/** Resolves to the MetadataError code, or "ok"; any other failure fails the test. */
async function outcome(data: Buffer, name: string): Promise<MetadataErrorCode | "ok"> {
  const results = await Promise.allSettled([
    readPrintFileMetadataFromSource(memorySource(data), name),
    readThumbnailFromSource(memorySource(data), name),
  ]);
  const codes = results.map((result) => {
    if (result.status === "fulfilled") return "ok" as const;
    if (result.reason instanceof MetadataError) return result.reason.code;
    throw result.reason;
  });
  // Thumbnails read less of a file than metadata does; a failure of either counts.
  return codes.find((code) => code !== "ok") ?? "ok";
}

async function metadataError(data: Buffer, name: string): Promise<MetadataErrorCode> {
  try {
    await readPrintFileMetadataFromSource(memorySource(data), name);
  } catch (error) {
    if (error instanceof MetadataError) return error.code;
    throw error;
  }
  throw new Error("expected a MetadataError");
}

function cuts(size: number): number[] {
  const offsets = [1, 3, 4, 9, 10, 11, 30, 100, 1000, size / 3, size / 2, (2 * size) / 3, size - 100, size - 23, size - 22, size - 1];
  return [...new Set(offsets.map(Math.floor))].filter((offset) => offset > 0 && offset < size);
}

describe("truncated fixtures", () => {
  it.each(fixtureNames.filter((name) => name !== "sample.gcode"))("%s cut anywhere is a MetadataError", async (name) => {
    const data = fixtureBytes.get(name) ?? Buffer.alloc(0);
    for (const offset of cuts(data.length)) {
      const result = await outcome(data.subarray(0, offset), name);
      expect(result, `cut at ${offset}`).toBe("corrupt");
    }
  });

  it("text G-code cut anywhere parses or is a MetadataError (a cut text file can look whole)", async () => {
    const data = fixtureBytes.get("sample.gcode") ?? Buffer.alloc(0);
    for (const offset of cuts(data.length)) await outcome(data.subarray(0, offset), "sample.gcode");
    const beforeSummary = data.indexOf("; filament used [mm]");
    const cut = await readPrintFileMetadataFromSource(memorySource(data.subarray(0, beforeSummary)), "sample.gcode");
    expect(cut.printSeconds).toBeNull();
    expect(cut.thumbnails).toEqual([{ width: 16, height: 16, format: "png" }]);
  });

  it("an empty file is corrupt whatever its name", async () => {
    for (const name of ["a.gcode", "a.bgcode", "a.3mf", "a.gcode.3mf"]) {
      expect(await metadataError(Buffer.alloc(0), name)).toBe("corrupt");
    }
  });
});

describe("random bytes", () => {
  it("are a MetadataError under every name and behind every magic", async () => {
    for (let seed = 1; seed <= 25; seed++) {
      for (const length of [100, 5000, 70_000]) {
        const bytes = randomBytes(seed * 1000 + length, length);
        for (const name of ["x.gcode.3mf", "x.3mf", "x.bgcode", "x.gcode", "x.bin"]) {
          expect(await outcome(bytes, name)).not.toBe("ok");
        }
        for (const magic of ["PK\x03\x04", "GCDE", "GCDE\x01\x00\x00\x00\x01\x00"]) {
          const data = Buffer.concat([Buffer.from(magic, "latin1"), bytes]);
          expect(await outcome(data, "x.bin")).not.toBe("ok");
        }
      }
    }
  });

  it("a name that is no print file is unsupported", async () => {
    expect(await metadataError(Buffer.from("hello"), "notes.txt")).toBe("unsupported");
  });
});

describe("mutated fixtures", () => {
  it.each(fixtureNames)("%s with flipped bytes parses or is a MetadataError", async (name) => {
    const original = fixtureBytes.get(name) ?? Buffer.alloc(0);
    const next = random(name.length * 7919);
    for (let round = 0; round < 60; round++) {
      const data = Buffer.from(original);
      const flips = 1 + Math.floor(next() * 8);
      for (let flip = 0; flip < flips; flip++) {
        // Half the flips land in the last 4 KiB, where zip directories and bgcode tails live.
        const position = next() < 0.5 ? data.length - 1 - Math.floor(next() * Math.min(4096, data.length)) : Math.floor(next() * data.length);
        data[position] = Math.floor(next() * 256);
      }
      await outcome(data, name);
    }
  });
});

const contentTypes: ZipInputEntry = { name: "[Content_Types].xml", data: Buffer.from("<Types/>") };

describe("hostile zips", () => {
  it("a zip bomb in a metadata entry is too_large, whether its size is declared or hidden", async () => {
    const zeros = Buffer.alloc(20 * 1024 * 1024);
    const honest = buildZip([contentTypes, { name: "Metadata/slice_info.config", data: zeros, method: "deflate" }]);
    const liar = buildZip([
      contentTypes,
      { name: "Metadata/slice_info.config", data: zeros, method: "deflate", declaredSize: 1000 },
    ]);
    expect(honest.length).toBeLessThan(100_000);
    expect(await metadataError(honest, "bomb.3mf")).toBe("too_large");
    expect(await metadataError(liar, "bomb.3mf")).toBe("too_large");
  });

  it("a thumbnail bomb is too_large for readThumbnail and not listed as a picture", async () => {
    const zip = buildZip([
      contentTypes,
      { name: "Metadata/model_settings.config", data: Buffer.from('<config><plate><metadata key="plater_id" value="1"/></plate></config>') },
      { name: "Metadata/plate_1.png", data: Buffer.alloc(40 * 1024 * 1024), method: "deflate" },
    ]);
    await expect(readThumbnailFromSource(memorySource(zip), "bomb.3mf")).rejects.toMatchObject({ code: "too_large" });
    const metadata = await readPrintFileMetadataFromSource(memorySource(zip), "bomb.3mf");
    expect(metadata.thumbnails).toEqual([]);
  });

  it("never follows entry names that leave the archive's folders", async () => {
    const png = makePng(8, 8);
    const zip = buildZip([
      contentTypes,
      {
        name: "Metadata/model_settings.config",
        data: Buffer.from(
          '<config><plate><metadata key="plater_id" value="1"/><metadata key="thumbnail_file" value="../../evil.png"/></plate></config>',
        ),
      },
      { name: "../../evil.png", data: png },
      { name: "Metadata/../../evil.png", data: png },
      { name: "/abs/evil.png", data: png },
    ]);
    const metadata = await readPrintFileMetadataFromSource(memorySource(zip), "evil.3mf");
    expect(metadata.plates).toEqual([{ index: 1, filaments: [] }]);
    expect(metadata.thumbnails).toEqual([]);
    expect(await readThumbnailFromSource(memorySource(zip), "evil.3mf")).toBeNull();
  });

  it("absurd numbers and non-UTF-8 text in slice_info become unknowns", async () => {
    const sliceInfo = Buffer.concat([
      Buffer.from('<config><plate><metadata key="index" value="1"/><metadata key="prediction" value="1e308"/>'),
      Buffer.from('<metadata key="weight" value="NaN"/><object name="Caf'),
      Buffer.from([0xe9, 0xff]),
      Buffer.from('"/><filament id="1" type="PLA" color="#zzzzzz" used_g="-1" used_m="9e99"/></plate></config>'),
    ]);
    const zip = buildZip([
      contentTypes,
      { name: "Metadata/plate_1.gcode", data: Buffer.from("G28\n") },
      { name: "Metadata/slice_info.config", data: sliceInfo, method: "deflate" },
    ]);
    const metadata = await readPrintFileMetadataFromSource(memorySource(zip), "odd.gcode.3mf");
    expect(metadata.printSeconds).toBeNull();
    expect(metadata.filamentGrams).toBeNull();
    expect(metadata.plates).toEqual([
      { index: 1, filaments: [{ type: "PLA", color: null, amsSlot: 1 }], objects: ["Caf\uFFFD\uFFFD"] },
    ]);
  });

  it("refuses what it cannot read: not a 3MF, encryption, unknown compression, a bad CRC", async () => {
    expect(await metadataError(buildZip([{ name: "hello.txt", data: Buffer.from("hi") }]), "x.3mf")).toBe("unsupported");

    const sliceInfo: ZipInputEntry = { name: "Metadata/slice_info.config", data: Buffer.from("<config/>") };
    const plain = buildZip([contentTypes, sliceInfo]);
    const directory = plain.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const encrypted = Buffer.from(plain);
    encrypted.writeUInt16LE(1, directory + 8);
    expect(await metadataError(encrypted, "x.3mf")).toBe("unsupported");
    const bzip2 = Buffer.from(plain);
    bzip2.writeUInt16LE(12, directory + 10);
    expect(await metadataError(bzip2, "x.3mf")).toBe("unsupported");
    const badCrc = Buffer.from(plain);
    badCrc.writeUInt32LE(0xdeadbeef, directory + 16);
    expect(await metadataError(badCrc, "x.3mf")).toBe("corrupt");
  });

  it("a directory claiming more entries than it holds is corrupt", async () => {
    const zip = buildZip([contentTypes]);
    const end = zip.length - 22;
    zip.writeUInt16LE(500, end + 8);
    zip.writeUInt16LE(500, end + 10);
    expect(await metadataError(zip, "x.3mf")).toBe("corrupt");
    zip.writeUInt16LE(0xffff, end + 10);
    expect(await metadataError(zip, "x.3mf")).toBe("corrupt");
  });

  it("a deflated stream that is garbage is corrupt", async () => {
    const zip = buildZip([contentTypes, { name: "Metadata/slice_info.config", data: Buffer.from("<config/>".repeat(50)), method: "deflate" }]);
    const data = Buffer.from(zip);
    const at = data.indexOf(deflateRawSync(Buffer.from("<config/>".repeat(50))));
    data.fill(0xff, at, at + 8);
    expect(await metadataError(data, "x.3mf")).toBe("corrupt");
  });
});

describe("hostile binary G-code", () => {
  const printer = { type: 3, data: Buffer.from("printer_model=COREONE\nfilament used [g]=4.2\n") };

  it("reads a minimal valid file", async () => {
    const metadata = await readPrintFileMetadataFromSource(memorySource(buildBgcode([printer, { type: 1, data: Buffer.from("G28") }])), "m.bgcode");
    expect(metadata).toMatchObject({ kind: "bgcode", printerModel: "COREONE", filamentGrams: 4.2 });
  });

  it.each([
    ["an unknown version", buildBgcode([printer], { version: 2 }), "unsupported"],
    ["an unknown block type", buildBgcode([printer, { type: 9, data: Buffer.alloc(4) }]), "corrupt"],
    ["a bad CRC", buildBgcode([{ ...printer, crc: 1234 }]), "corrupt"],
    ["a header without blocks", buildBgcode([]), "corrupt"],
    ["a block larger than the file", Buffer.concat([buildBgcode([printer]), Buffer.from([1, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f, 0, 0])]), "corrupt"],
    ["an unknown compression", buildBgcode([{ ...printer, compression: 7 }]), "corrupt"],
    ["a metadata block inflating past 16 MiB", buildBgcode([{ type: 3, data: Buffer.alloc(17 * 1024 * 1024), compression: 1 }]), "too_large"],
  ] as const)("%s", async (_, data, code) => {
    expect(await metadataError(data, "x.bgcode")).toBe(code);
  });

  it("skips heatshrink metadata rather than guessing", async () => {
    const data = buildBgcode([{ ...printer, compression: 3 }, { type: 1, data: Buffer.from("G28") }]);
    expect((await readPrintFileMetadataFromSource(memorySource(data), "h.bgcode")).printerModel).toBeNull();
  });

  const emptyGcodeBlock = buildBgcode([{ type: 1, data: Buffer.alloc(0), parameters: [0] }]).subarray(10);
  const withTinyBlocks = (count: number) => Buffer.concat([buildBgcode([printer]), Buffer.alloc(emptyGcodeBlock.length * count)]).fill(
    emptyGcodeBlock,
    buildBgcode([printer]).length,
  );

  it("walks 200,000 tiny blocks through a read window, not one read each", async () => {
    const data = withTinyBlocks(200_000);
    const source = memorySource(data);
    const metadata = await readPrintFileMetadataFromSource(source, "tiny.bgcode");
    expect(metadata.printerModel).toBe("COREONE");
    expect(source.bytesRead).toBeLessThan(data.length * 1.1);
  });

  it("stops at a million blocks", async () => {
    expect(await metadataError(withTinyBlocks(1_000_001), "tiny.bgcode")).toBe("too_large");
  });

  it("does not serve a thumbnail whose bytes are not the announced format", async () => {
    const data = buildBgcode([printer, { type: 5, data: makePng(4, 4), parameters: [1, 4, 4] }]);
    expect(await readThumbnailFromSource(memorySource(data), "t.bgcode")).toBeNull();
    const good = buildBgcode([printer, { type: 5, data: makePng(4, 4), parameters: [0, 4, 4] }]);
    expect((await readThumbnailFromSource(memorySource(good), "t.bgcode"))?.width).toBe(4);
  });
});

describe("hostile text G-code", () => {
  it("tolerates Latin-1 comments", async () => {
    const text = Buffer.concat([
      Buffer.from("; printer_model = M"),
      Buffer.from([0xe4]),
      Buffer.from("ker\n; filament_type = PLA\n; filament used [g] = 1.5\nG28\n"),
    ]);
    const metadata = await readPrintFileMetadataFromSource(memorySource(text), "latin.gcode");
    expect(metadata.printerModel).toBe("M\uFFFDker");
    expect(metadata.filamentGrams).toBe(1.5);
  });

  it("binary content under a G-code name is corrupt", async () => {
    expect(await metadataError(Buffer.from("G28\n\0\0\0\0"), "x.gcode")).toBe("corrupt");
  });

  it("a thumbnail header with an absurd size is ignored", async () => {
    const text = `; thumbnail begin 99999x99999 10\n; ${makePng(2, 2).toString("base64")}\n; thumbnail end\nG28\n`;
    const metadata = await readPrintFileMetadataFromSource(memorySource(Buffer.from(text)), "x.gcode");
    expect(metadata.thumbnails).toEqual([]);
  });
});
