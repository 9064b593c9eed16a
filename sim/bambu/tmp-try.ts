import { readFileSync, writeFileSync } from "node:fs";
import { buildGcode3mf, readPrintFileInfo } from "./gcode-3mf";
console.log(readPrintFileInfo(new Uint8Array(readFileSync("/work/shared/fixtures/files/bambu.gcode.3mf")), 1));
console.log(readPrintFileInfo(new Uint8Array(readFileSync("/work/shared/fixtures/files/bambu-2-plates.gcode.3mf")), 2));
const z = buildGcode3mf({ title: "Würfel", printerModelId: "N2S", printerModelName: "Bambu Lab A1", predictionSeconds: 1234, totalLayers: 100, layerHeight: 0.2, nozzleTemp: 220, bedTemp: 65, filaments: [{ type: "PLA", color: "#FF8800", trayInfoIdx: "GFA00", usedGrams: 6.9, usedMeters: 2.3 }] });
writeFileSync("/tmp/test.gcode.3mf", z);
console.log(z.length, readPrintFileInfo(z, 1));
