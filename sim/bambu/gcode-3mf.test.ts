import { unzipSync } from "fflate";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { readFixture } from "@/test/fixtures";
import { buildGcode3mf, readPrintFileInfo } from "./gcode-3mf";

const spec = {
  title: "Würfel & <Test>",
  printerModelId: "N2S",
  printerModelName: "Bambu Lab A1",
  predictionSeconds: 1234,
  totalLayers: 80,
  layerHeight: 0.2,
  nozzleTemp: 230,
  bedTemp: 65,
  filaments: [{ type: "PETG", color: "#1F4E9C", trayInfoIdx: "GFG00", usedGrams: 12.5, usedMeters: 4.1 }],
};

describe("sliced .gcode.3mf files", () => {
  it("contain the parts Bambu Studio writes", () => {
    const files = unzipSync(buildGcode3mf(spec));
    expect(Object.keys(files).sort()).toEqual(
      [
        "3D/3dmodel.model",
        "Metadata/plate_1.gcode",
        "Metadata/plate_1.gcode.md5",
        "Metadata/plate_1.png",
        "Metadata/plate_1_small.png",
        "Metadata/slice_info.config",
        "[Content_Types].xml",
        "_rels/.rels",
      ].sort(),
    );
    const sliceInfo = new TextDecoder().decode(files["Metadata/slice_info.config"]);
    expect(sliceInfo).toContain('<metadata key="prediction" value="1234"/>');
    expect(sliceInfo).toContain('<metadata key="weight" value="12.50"/>');
    expect(sliceInfo).toContain('type="PETG" color="#1F4E9C"');
    expect(sliceInfo).toContain('used_g="12.50"');
    expect(sliceInfo).toContain("Würfel &amp; &lt;Test&gt;");
    const gcode = new TextDecoder().decode(files["Metadata/plate_1.gcode"]);
    expect(gcode.startsWith("; HEADER_BLOCK_START\n; BambuStudio")).toBe(true);
    expect(gcode).toContain("; total layer number: 80");
    expect(gcode.match(/; CHANGE_LAYER/g)).toHaveLength(80);
  });

  it("carry thumbnails that are real PNGs", async () => {
    const files = unzipSync(buildGcode3mf(spec));
    const png = files["Metadata/plate_1.png"];
    const meta = await sharp(Buffer.from(png)).metadata();
    expect(meta.format).toBe("png");
    expect(meta.width).toBe(128);
    const { data } = await sharp(Buffer.from(png)).raw().toBuffer({ resolveWithObject: true });
    // The box's left face is the filament colour.
    const i = (80 * 128 + 50) * 4;
    expect([data[i], data[i + 1], data[i + 2], data[i + 3]]).toEqual([Math.round(0x1f * 0.95), Math.round(0x4e * 0.95), Math.round(0x9c * 0.95), 255]);
  });

  it("read back prediction, layers and temperatures", () => {
    expect(readPrintFileInfo(buildGcode3mf(spec), 1)).toEqual({
      predictionSeconds: 1234,
      totalLayers: 80,
      weightGrams: 12.5,
      nozzleTemp: 230,
      bedTemp: 65,
      plates: [1],
    });
    expect(readPrintFileInfo(buildGcode3mf(spec), 2)).toBeNull();
    expect(readPrintFileInfo(new Uint8Array([1, 2, 3]), 1)).toBeNull();
  });

  it("read a real two-plate Bambu Studio file", () => {
    const info = readPrintFileInfo(new Uint8Array(readFixture("files", "bambu-2-plates.gcode.3mf")), 2);
    expect(info?.plates).toEqual([1, 2]);
    expect(info?.totalLayers).toBeGreaterThan(0);
    expect(info?.predictionSeconds).toBeGreaterThan(0);
  });
});
