import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePath } from "@/test/fixtures";
import { pngSize } from "./png";
import { writeSample } from "./sample-files";
import { pickThumbnail, readThumbnails } from "./thumbnails";

const fixture = fixturePath("files", "Shape-Box_0.4n_0.2mm_PLA_MK4ISMMU3_20m.bgcode");

describe("thumbnails", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "thumbs-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("finds the PNG preview in PrusaSlicer's binary G-code", async () => {
    const thumbs = await readThumbnails(fixture);
    expect(thumbs.map((t) => `${t.width}x${t.height}`)).toEqual(["380x285"]);
    const large = pickThumbnail(thumbs, "large");
    expect(large && pngSize(large.png)).toEqual({ width: 380, height: 285 });
    expect(pickThumbnail(thumbs, "small")).toBeNull();
  });

  it.each(["Cube_0.4n_0.2mm_PLA_COREONE_12m.bgcode", "Cube_0.4n_0.2mm_PLA_COREONE_12m.gcode"])(
    "reads back the previews of a generated %s",
    async (name) => {
      const file = path.join(dir, name);
      await writeSample(file, { fileName: name, model: "Core One", minutes: 12, colorIndex: 1 });
      const thumbs = await readThumbnails(file);
      const small = pickThumbnail(thumbs, "small");
      const large = pickThumbnail(thumbs, "large");
      expect(small && pngSize(small.png)).toEqual({ width: 16, height: 16 });
      expect(large && pngSize(large.png)).toEqual({ width: 313, height: 173 });
    },
  );
});
