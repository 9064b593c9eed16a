import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canPrint } from "@/lib/files/printable";
import { fileTypes } from "@/lib/files/schemas";
import dePrinterErrors from "@/messages/de/printerErrors.json";
import dePrinters from "@/messages/de/printers.json";
import enPrinterErrors from "@/messages/en/printerErrors.json";
import enPrinters from "@/messages/en/printers.json";
import { BambuDriver } from "./bambu/driver";
import { bambuModels, normalizeModel } from "./bambu/models";
import { connectionColumnNames, portFields, secretFieldNames } from "./fields";
import { driverCapabilities } from "./kind";
import { PrusaLinkDriver } from "./prusalink/driver";
import { findDescriptor, kindDescriptors, printerKindRegistry, printerKinds } from "./registry";
import type { PrinterDriver } from "./types";

const driverClasses = { bambu: BambuDriver, prusalink: PrusaLinkDriver } as const;

describe("the printer kind table", () => {
  it("has one descriptor per kind, under its own name, with every field filled", () => {
    expect(printerKinds).toEqual(Object.keys(printerKindRegistry));
    for (const kind of printerKinds) {
      const d = printerKindRegistry[kind];
      expect(d.kind).toBe(kind);
      expect(d.models.length).toBeGreaterThan(0);
      expect(d.printableTypes.length).toBeGreaterThan(0);
      const printable: readonly string[] = d.printableTypes;
      expect(printable.every((type) => fileTypes.some((known) => known === type)) && !printable.includes("other")).toBe(true);
      expect(d.uploadFolder === "" || d.uploadFolder.startsWith("/")).toBe(true);
      expect(d.uploadFolder.endsWith("/")).toBe(false);
      expect(d.secretFields.length).toBeGreaterThan(0);
      expect(d.secretFields.every((field) => secretFieldNames.includes(field))).toBe(true);
      expect(d.columns.every((column) => connectionColumnNames.includes(column))).toBe(true);
      expect([...d.capabilities].every((capability) => driverCapabilities.includes(capability))).toBe(true);
      expect(d.form.fields.length).toBeGreaterThan(0);
    }
  });

  it("has a default port exactly for the port columns a kind uses, its main port among them", () => {
    for (const d of kindDescriptors) {
      const used = portFields.filter((port) => d.columns.some((column) => column === port));
      expect(portFields.filter((port) => d.defaultPorts[port] !== null)).toEqual(used);
      expect(used).toContain(d.mainPort);
    }
  });

  it("puts in the form only the kind's own columns and secrets, each once", () => {
    for (const d of kindDescriptors) {
      const own: readonly string[] = [...d.columns, ...d.secretFields];
      const names = d.form.fields.map((field) => field.name);
      expect(names.every((name) => own.includes(name))).toBe(true);
      expect(new Set(names).size).toBe(names.length);
      expect(d.secretFields.every((field) => names.some((name) => name === field))).toBe(true);
    }
  });

  it("names slicer ids for every model, none claimed by two models", () => {
    for (const d of kindDescriptors) {
      const slicerIds: Readonly<Record<string, readonly string[]>> = d.slicerModelIds;
      for (const model of d.models) expect(slicerIds[model]?.length ?? 0).toBeGreaterThan(0);
      const ids = Object.values(slicerIds).flat();
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("declares exactly the optional abilities its driver has", () => {
    for (const kind of printerKinds) {
      const capabilities = printerKindRegistry[kind].capabilities;
      const prototype: PrinterDriver = driverClasses[kind].prototype;
      expect(capabilities.has("thumbnails")).toBe(typeof prototype.thumbnail === "function");
      expect(capabilities.has("fileSizes")).toBe(typeof prototype.fileSize === "function");
    }
  });

  it("knows no kind it was not given", () => {
    expect(findDescriptor("octoprint")).toBeUndefined();
    expect(findDescriptor("toString")).toBeUndefined();
    expect(canPrint("toString", "gcode")).toBe(false);
  });
});

describe("the Bambu descriptor", () => {
  const bambu = printerKindRegistry.bambu;

  it("offers every model of models.ts", () => {
    expect([...bambu.models].sort()).toEqual(bambuModels.filter((model) => model !== "unknown").sort());
  });

  it("maps Bambu Studio's printer_model_id to the model it was sliced for", () => {
    expect(bambu.slicerModelIds["A1 mini"]).toEqual(["N1"]);
    expect(bambu.slicerModelIds.A1).toEqual(["N2S"]);
    expect(bambu.slicerModelIds.P1P).toEqual(["C11"]);
    expect(bambu.slicerModelIds.P1S).toEqual(["C12"]);
    expect(bambu.slicerModelIds.X1C).toEqual(["BL-P001"]);
    expect(bambu.slicerModelIds.X1).toEqual(["BL-P002"]);
    expect(bambu.slicerModelIds.X1E).toEqual(["C13"]);
    for (const [model, ids] of Object.entries(bambu.slicerModelIds)) for (const id of ids) expect(normalizeModel(id)).toBe(model);
  });

  it("prints sliced 3MF projects only, uploads to the card's root", () => {
    expect(canPrint("bambu", "gcode.3mf")).toBe(true);
    expect(canPrint("bambu", "3mf")).toBe(true);
    expect(canPrint("bambu", "gcode")).toBe(false);
    expect(canPrint("bambu", "bgcode")).toBe(false);
    expect(bambu.uploadFolder).toBe("");
  });

  it("builds the connection with default ports and keeps the access code secret", () => {
    const row = { host: "10.0.0.2", model: "A1", serial: "01S00A", mqttPort: null, ftpPort: null, cameraPort: 6001, httpPort: null, tls: "bogus", caCert: null };
    const connection = bambu.connectionOf(row, { accessCode: "12345678" });
    expect(connection).toMatchObject({ kind: "bambu", mqttPort: 8883, ftpPort: 990, cameraPort: 6001, tls: "verify" });
    expect(bambu.secretValues(connection)).toEqual(["12345678"]);
    expect(() => bambu.connectionOf({ ...row, serial: null }, { accessCode: "12345678" })).toThrow(/serial and access code/);
  });
});

describe("the PrusaLink descriptor", () => {
  const prusa = printerKindRegistry.prusalink;

  it("maps PrusaSlicer's printer_model ids seen in sliced files", () => {
    expect(prusa.slicerModelIds["Core One"]).toContain("COREONE");
    expect(prusa.slicerModelIds.MK4S).toContain("MK4S");
    expect(prusa.slicerModelIds.MK4).toContain("MK4ISMMU3");
    expect(prusa.slicerModelIds.MINI).toContain("MINI");
    expect(prusa.slicerModelIds.XL).toContain("XL");
  });

  it("prints plain and binary G-code, uploads to the USB stick", () => {
    expect(canPrint("prusalink", "gcode")).toBe(true);
    expect(canPrint("prusalink", "bgcode")).toBe(true);
    expect(canPrint("prusalink", "gcode.3mf")).toBe(false);
    expect(canPrint("prusalink", "3mf")).toBe(false);
    expect(prusa.uploadFolder).toBe("/usb");
  });

  it("takes a Digest password or an API key, the Buddy user by default", () => {
    expect(prusa.patchSecretsSchema.safeParse({}).success).toBe(false);
    expect(prusa.patchSecretsSchema.parse({ password: "pw" })).toEqual({ username: "maker", password: "pw" });
    expect(prusa.patchSecretsSchema.parse({ apiKey: "key" })).toEqual({ apiKey: "key" });
  });
});

function has(messages: unknown, key: string): boolean {
  const value = key.split(".").reduce<unknown>((node, part) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined), messages);
  return typeof value === "string";
}

describe("a kind's messages", () => {
  it("name the kind and every key its form and alert rules use, in German and English", () => {
    for (const [printers, printerErrors] of [[dePrinters, dePrinterErrors], [enPrinters, enPrinterErrors]] as const) {
      for (const d of kindDescriptors) {
        const keys = [`kinds.${d.kind}`, `form.kinds.${d.kind}.title`, `form.kinds.${d.kind}.body`, `form.hostHint.${d.kind}`];
        for (const field of d.form.fields) {
          keys.push(`form.${field.name}`);
          if ("hint" in field && field.hint) keys.push(`form.${field.hint}`);
          if ("hintWhenEditing" in field && field.hintWhenEditing) keys.push(`form.${field.hintWhenEditing}`);
        }
        if ("notice" in d.form) keys.push(`form.${d.form.notice}`);
        expect(keys.filter((key) => !has(printers, key))).toEqual([]);
        const alertKeys = [...d.alertKeys.filamentRunout, ...d.alertKeys.attention];
        expect(alertKeys.filter((key) => !has(printerErrors, key))).toEqual([]);
      }
    }
  });
});

/** The value imports of a module and of everything it imports inside the project. */
function importGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, "utf8");
  for (const match of source.matchAll(/^(?:import|export) (?!type )[^;]*?from "([^"]+)";/gms)) {
    const specifier = match[1];
    if (specifier.startsWith("@/") || specifier.startsWith(".")) {
      const base = specifier.startsWith("@/") ? path.resolve(specifier.slice(2)) : path.resolve(path.dirname(entry), specifier);
      importGraph(`${base}.ts`, seen);
    } else seen.add(specifier);
  }
  return seen;
}

describe("the browser's part of the descriptors", () => {
  it("pulls no protocol client and no Node module into a bundle", () => {
    const graph = [...importGraph(path.resolve("lib/printers/registry.ts"))];
    expect(graph.filter((entry) => !entry.startsWith("/"))).toEqual(["zod"]);
    expect(graph.some((entry) => entry.endsWith("/driver.ts") || entry.endsWith("/runtime.ts"))).toBe(false);
  });
});
