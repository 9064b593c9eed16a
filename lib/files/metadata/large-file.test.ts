import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePath } from "@/test/fixtures";
import { withFileSource } from "./byte-source";
import { readPrintFileMetadata, readPrintFileMetadataFromSource } from "./read-metadata";
import { readThumbnailFromSource } from "./read-thumbnail";
import { writeBigGcode3mf } from "@/testing/files/metadata/big-gcode-3mf";

const GCODE_BYTES = 200 * 1024 * 1024;
let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "big-3mf-"));
  file = path.join(dir, "long-print.gcode.3mf");
  await writeBigGcode3mf(file, GCODE_BYTES);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("a 200 MB .gcode.3mf", () => {
  it("is read through its directory and a few small entries only", async () => {
    expect((await stat(file)).size).toBeGreaterThan(GCODE_BYTES);
    const expected = await readPrintFileMetadata(fixturePath("files", "bambu.gcode.3mf"));
    await withFileSource(file, async (source) => {
      const metadata = await readPrintFileMetadataFromSource(source, file);
      expect(metadata).toEqual(expected);
      expect(source.bytesRead).toBeLessThan(512 * 1024);
    });
  });

  it("serves its plate picture the same way", async () => {
    await withFileSource(file, async (source) => {
      const image = await readThumbnailFromSource(source, file);
      expect(image).toMatchObject({ format: "png", width: 512, height: 512 });
      expect(source.bytesRead).toBeLessThan(512 * 1024);
    });
  });
});
