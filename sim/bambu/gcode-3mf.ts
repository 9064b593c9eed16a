import { createHash } from "node:crypto";
import { Unzip, UnzipInflate, strToU8, unzipSync, zipSync } from "fflate";
import { renderPlateThumbnail } from "./png";

export interface FilamentUse {
  type: string;
  /** "#RRGGBB" */
  color: string;
  trayInfoIdx: string;
  usedGrams: number;
  usedMeters: number;
}

/** What a sliced Bambu project says about itself. */
export interface Gcode3mfSpec {
  title: string;
  /** Bambu project code of the printer it was sliced for (N2S, N1, C12, BL-P001). */
  printerModelId: string;
  printerModelName: string;
  predictionSeconds: number;
  totalLayers: number;
  layerHeight: number;
  nozzleTemp: number;
  bedTemp: number;
  filaments: FilamentUse[];
}

/** What the simulator reads back from a .gcode.3mf to run it. */
export interface PrintFileInfo {
  predictionSeconds: number;
  totalLayers: number;
  weightGrams: number;
  nozzleTemp: number;
  bedTemp: number;
  plates: number[];
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
 <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
 <Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/>
 <Default Extension="png" ContentType="image/png"/>
 <Default Extension="gcode" ContentType="text/x.gcode"/>
</Types>`;

const rels = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
 <Relationship Target="/3D/3dmodel.model" Id="rel-1" Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/>
 <Relationship Target="/Metadata/plate_1.png" Id="rel-2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"/>
 <Relationship Target="/Metadata/plate_1.png" Id="rel-4" Type="http://schemas.bambulab.com/package/2021/cover-thumbnail-middle"/>
 <Relationship Target="/Metadata/plate_1_small.png" Id="rel-5" Type="http://schemas.bambulab.com/package/2021/cover-thumbnail-small"/>
</Relationships>`;

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return `${h > 0 ? `${h}h ` : ""}${m}m ${s}s`;
}

function weight(spec: Gcode3mfSpec): number {
  return spec.filaments.reduce((sum, f) => sum + f.usedGrams, 0);
}

function modelXml(spec: Gcode3mfSpec): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<model unit="millimeter" xml:lang="en-US" xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02" xmlns:BambuStudio="http://schemas.bambulab.com/package/2021" xmlns:p="http://schemas.microsoft.com/3dmanufacturing/production/2015/06" requiredextensions="p">
 <metadata name="Application">BambuStudio-02.04.00.70</metadata>
 <metadata name="BambuStudio:3mfVersion">1</metadata>
 <metadata name="CreationDate">2025-11-20</metadata>
 <metadata name="Title">${xmlEscape(spec.title)}</metadata>
 <resources>
 </resources>
 <build/>
</model>
`;
}

function sliceInfoXml(spec: Gcode3mfSpec): string {
  const filaments = spec.filaments
    .map(
      (f, i) =>
        `    <filament id="${i + 1}" tray_info_idx="${f.trayInfoIdx}" type="${xmlEscape(f.type)}" color="${f.color}" used_m="${f.usedMeters.toFixed(2)}" used_g="${f.usedGrams.toFixed(2)}" group_id="0" nozzle_diameter="0.40" volume_type="Standard"/>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<config>
  <header>
    <header_item key="X-BBL-Client-Type" value="slicer"/>
    <header_item key="X-BBL-Client-Version" value="02.04.00.70"/>
  </header>
  <plate>
    <metadata key="index" value="1"/>
    <metadata key="extruder_type" value="0"/>
    <metadata key="nozzle_volume_type" value="0"/>
    <metadata key="printer_model_id" value="${spec.printerModelId}"/>
    <metadata key="nozzle_diameters" value="0.4"/>
    <metadata key="timelapse_type" value="0"/>
    <metadata key="prediction" value="${Math.round(spec.predictionSeconds)}"/>
    <metadata key="weight" value="${weight(spec).toFixed(2)}"/>
    <metadata key="outside" value="false"/>
    <metadata key="support_used" value="false"/>
    <metadata key="label_object_enabled" value="false"/>
    <object identify_id="69" name="${xmlEscape(spec.title)}" skipped="false" />
${filaments}
  </plate>
</config>
`;
}

/** Plausible Bambu Studio G-code: header and config blocks, then a square tower. */
function gcodeText(spec: Gcode3mfSpec): string {
  const f = spec.filaments[0];
  const meters = spec.filaments.reduce((sum, x) => sum + x.usedMeters, 0);
  const lines = [
    "; HEADER_BLOCK_START",
    "; BambuStudio 02.04.00.70",
    `; model printing time: ${duration(spec.predictionSeconds * 0.8)}; total estimated time: ${duration(spec.predictionSeconds)}`,
    `; total layer number: ${spec.totalLayers}`,
    `; total filament length [mm] : ${(meters * 1000).toFixed(2)}`,
    `; total filament weight [g] : ${weight(spec).toFixed(2)}`,
    "; filament_density: 1.26",
    "; filament_diameter: 1.75",
    `; max_z_height: ${(spec.totalLayers * spec.layerHeight).toFixed(2)}`,
    `; filament: ${spec.filaments.map((_, i) => i + 1).join(",")}`,
    "; HEADER_BLOCK_END",
    "",
    "; CONFIG_BLOCK_START",
    "; curr_bed_type = Textured PEI Plate",
    `; filament_colour = ${spec.filaments.map((x) => x.color).join(";")}`,
    `; filament_type = ${spec.filaments.map((x) => x.type).join(";")}`,
    `; hot_plate_temp = ${spec.bedTemp}`,
    `; layer_height = ${spec.layerHeight}`,
    `; nozzle_temperature = ${spec.nozzleTemp}`,
    `; nozzle_temperature_initial_layer = ${spec.nozzleTemp}`,
    `; printer_model = ${spec.printerModelName}`,
    `; textured_plate_temp = ${spec.bedTemp}`,
    "; CONFIG_BLOCK_END",
    "",
    "; EXECUTABLE_BLOCK_START",
    `M73 P0 R${Math.round(spec.predictionSeconds / 60)}`,
    `M1002 set_filament_type:${f?.type ?? "PLA"}`,
    `M104 S${spec.nozzleTemp}`,
    `M140 S${spec.bedTemp}`,
    "G28",
    `M190 S${spec.bedTemp}`,
    `M109 S${spec.nozzleTemp}`,
    "G92 E0",
  ];
  const size = 20;
  const x0 = 118;
  const y0 = 118;
  for (let layer = 1; layer <= spec.totalLayers; layer++) {
    const z = (layer * spec.layerHeight).toFixed(2);
    const percent = Math.floor(((layer - 1) / spec.totalLayers) * 100);
    const remaining = Math.round(((spec.totalLayers - layer + 1) / spec.totalLayers) * (spec.predictionSeconds / 60));
    lines.push(
      "; CHANGE_LAYER",
      `; Z_HEIGHT: ${z}`,
      `; LAYER_HEIGHT: ${spec.layerHeight}`,
      `M73 L${layer}`,
      `M73 P${percent} R${remaining}`,
      `G1 Z${z} F720`,
      `G1 X${x0} Y${y0} F30000`,
      `G1 X${x0 + size} Y${y0} E0.8 F3000`,
      `G1 X${x0 + size} Y${y0 + size} E0.8`,
      `G1 X${x0} Y${y0 + size} E0.8`,
      `G1 X${x0} Y${y0} E0.8`,
    );
  }
  lines.push("M73 P100 R0", "M104 S0", "M140 S0", "M106 S0", "G1 Z" + (spec.totalLayers * spec.layerHeight + 10).toFixed(2), "; EXECUTABLE_BLOCK_END", "");
  return lines.join("\n");
}

/** A small, valid .gcode.3mf shaped like Bambu Studio's output. */
export function buildGcode3mf(spec: Gcode3mfSpec): Uint8Array {
  const gcode = strToU8(gcodeText(spec));
  const color = spec.filaments[0]?.color ?? "#00AE42";
  return zipSync(
    {
      "[Content_Types].xml": strToU8(contentTypes),
      "_rels/.rels": strToU8(rels),
      "3D/3dmodel.model": strToU8(modelXml(spec)),
      "Metadata/plate_1.gcode": gcode,
      "Metadata/plate_1.gcode.md5": strToU8(createHash("md5").update(gcode).digest("hex").toUpperCase()),
      "Metadata/plate_1.png": new Uint8Array(renderPlateThumbnail(128, color)),
      "Metadata/plate_1_small.png": new Uint8Array(renderPlateThumbnail(32, color)),
      "Metadata/slice_info.config": strToU8(sliceInfoXml(spec)),
    },
    { level: 6, mtime: new Date("2025-11-20T10:00:00Z") },
  );
}

function metadataValue(xml: string, key: string): string | null {
  return new RegExp(`<metadata key="${key}" value="([^"]*)"`).exec(xml)?.[1] ?? null;
}

function configNumber(gcodeHead: string, key: string): number | null {
  const match = new RegExp(`^; ${key} = ([0-9.]+)`, "m").exec(gcodeHead);
  return match ? Number(match[1]) : null;
}

const bedTempKeys: Record<string, string> = {
  "Textured PEI Plate": "textured_plate_temp",
  "Cool Plate": "cool_plate_temp",
  "Engineering Plate": "eng_plate_temp",
  "High Temp Plate": "hot_plate_temp",
  "Smooth PEI Plate": "hot_plate_temp",
};

// Reads only the start of the plate's G-code: header and config blocks come first.
function gcodeHead(zip: Uint8Array, entry: string, limitBytes: number): string {
  let collected = "";
  let done = false;
  const decoder = new TextDecoder();
  const unzip = new Unzip((file) => {
    if (file.name !== entry || done) return;
    file.ondata = (error, chunk, final) => {
      if (error || done) return;
      collected += decoder.decode(chunk, { stream: !final });
      if (collected.length >= limitBytes || final) {
        done = true;
        if (!final) file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.push(zip, true);
  return collected;
}

/** Reads prediction, layers and temperatures of one plate, or null when this is no .gcode.3mf. */
export function readPrintFileInfo(zip: Uint8Array, plate: number): PrintFileInfo | null {
  let sliceInfo: string;
  const names: string[] = [];
  try {
    const entries = unzipSync(zip, {
      filter: (f) => {
        names.push(f.name);
        return f.name === "Metadata/slice_info.config";
      },
    });
    const config = entries["Metadata/slice_info.config"];
    if (!config) return null;
    sliceInfo = new TextDecoder().decode(config);
  } catch {
    return null;
  }
  const plates = names
    .map((n) => /^Metadata\/plate_(\d+)\.gcode$/.exec(n)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const entry = `Metadata/plate_${plate}.gcode`;
  if (!names.includes(entry)) return null;
  const head = gcodeHead(zip, entry, 256 * 1024);
  const layers = Number(/^; total layer number: (\d+)/m.exec(head)?.[1] ?? "0");
  const bedType = /^; curr_bed_type = (.+)$/m.exec(head)?.[1]?.trim() ?? "";
  const bedKey = bedTempKeys[bedType] ?? "hot_plate_temp";
  return {
    predictionSeconds: Number(metadataValue(sliceInfo, "prediction") ?? "0"),
    totalLayers: layers,
    weightGrams: Number(metadataValue(sliceInfo, "weight") ?? "0"),
    nozzleTemp: configNumber(head, "nozzle_temperature_initial_layer") ?? configNumber(head, "nozzle_temperature") ?? 220,
    bedTemp: configNumber(head, bedKey) ?? configNumber(head, "hot_plate_temp") ?? 60,
    plates,
  };
}
