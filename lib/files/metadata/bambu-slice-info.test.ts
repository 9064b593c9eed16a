import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readFixture } from "@/test/fixtures";
import { parseModelSettings } from "./bambu-model-settings";
import { parseSliceInfo } from "./bambu-slice-info";
import { decodeXmlEntities, findElements } from "./xml-elements";

function entryText(file: string, name: string): string {
  const entries = unzipSync(readFixture("files", file), { filter: (entry) => entry.name === name });
  return Buffer.from(entries[name]).toString("utf8");
}

describe("parseSliceInfo", () => {
  it("reads both plates of the real two-plate file", () => {
    const info = parseSliceInfo(entryText("bambu-2-plates.gcode.3mf", "Metadata/slice_info.config"));
    expect(info).toEqual({
      clientVersion: "02.04.00.70",
      plates: [
        {
          index: 1,
          printerModelId: "BL-P001",
          nozzleDiameter: 0.4,
          printSeconds: 1216,
          weightGrams: 6.75,
          objects: ["Cube"],
          filaments: [{ type: "PLA", color: "#00AE42", grams: 6.75, meters: 2.23, amsSlot: 1 }],
        },
        {
          index: 2,
          printerModelId: "BL-P001",
          nozzleDiameter: 0.4,
          printSeconds: 1094,
          weightGrams: 3.91,
          objects: ["Sphere"],
          filaments: [{ type: "PLA", color: "#00AE42", grams: 3.91, meters: 1.29, amsSlot: 1 }],
        },
      ],
    });
  });

  it("has no plates for an unsliced project", () => {
    expect(parseSliceInfo(entryText("bambu-2-plates.3mf", "Metadata/slice_info.config"))).toEqual({
      clientVersion: "02.04.00.70",
      plates: [],
    });
  });

  it("treats absurd or broken values as unknown, and skips plates without a usable index", () => {
    const xml = `<config>
      <plate><metadata key="index" value="1"/><metadata key="prediction" value="1e308"/>
        <metadata key="weight" value="-5"/><metadata key="nozzle_diameters" value="0"/>
        <filament id="0" type="" color="green" used_g="NaN" used_m="12abc"/>
        <filament id="3" type="PETG &amp; more" color="ff0000ff" used_g="1.234" used_m="0.5"/>
        <object name="skipped one" skipped="true"/><object name="A &lt;B&gt;"/>
      </plate>
      <plate><metadata key="index" value="99999999"/><metadata key="prediction" value="60"/></plate>
      <plate><metadata key="index" value="x"/></plate>
      <plate><metadata key="index" value="1"/><metadata key="prediction" value="5"/></plate>
      <plate><metadata key="index" value="2" /><metadata key = 'prediction' value = '61.6' />`;
    expect(parseSliceInfo(xml).plates).toEqual([
      {
        index: 1,
        objects: ["A <B>"],
        filaments: [
          { type: null, color: null },
          { type: "PETG & more", color: "#FF0000", grams: 1.23, meters: 0.5, amsSlot: 3 },
        ],
      },
      { index: 2, printSeconds: 62, objects: [], filaments: [] },
    ]);
  });

  it("survives garbage", () => {
    for (const garbage of ["", "<", "<plate", "<plate><metadata key=", "\u0000\uFFFD<config><plate>>>>", "<".repeat(10_000)]) {
      expect(parseSliceInfo(garbage).plates).toEqual([]);
    }
  });
});

describe("parseModelSettings", () => {
  it("maps plates to objects and pictures in a project", () => {
    const settings = parseModelSettings(entryText("bambu-2-plates.3mf", "Metadata/model_settings.config"));
    expect(settings).toEqual({
      plates: [
        { index: 1, thumbnailEntry: "Metadata/plate_1.png", objects: ["Cube"] },
        { index: 2, thumbnailEntry: "Metadata/plate_2.png", objects: ["Sphere"] },
      ],
      objects: ["Sphere", "Cube"],
    });
  });

  it("refuses entry names that leave Metadata/", () => {
    const xml = `<config><plate><metadata key="plater_id" value="1"/>
      <metadata key="thumbnail_file" value="../../etc/passwd.png"/>
      <metadata key="gcode_file" value="Metadata/../x.gcode"/></plate></config>`;
    expect(parseModelSettings(xml).plates).toEqual([{ index: 1, objects: [] }]);
  });
});

describe("xml-elements", () => {
  it("decodes entities but expands nothing else", () => {
    expect(decodeXmlEntities("&lt;&#65;&#x42;&amp;amp;&unknown;&#0;")).toBe("<AB&amp;&unknown;&#0;");
  });

  it("keeps attribute values with > and quotes of either kind", () => {
    expect(findElements(`<a x="1>2" y='say "hi"'/><ab z="no"/>`, "a")).toEqual([
      { attributes: { x: "1>2", y: 'say "hi"' }, body: null },
    ]);
  });
});
