import { readFileSync } from "node:fs";
import { type JsonObject, isJsonObject, jsonObjectSchema, jsonType } from "./json";
import type { ModelProfile } from "./models";

/** Reads one of the real captures shipped in ./templates (verbatim copies, see *.source.txt). */
export function loadTemplate(fileName: string): JsonObject {
  const text = readFileSync(new URL(`./templates/${fileName}`, import.meta.url), "utf8");
  return jsonObjectSchema.parse(JSON.parse(text));
}

export function printSection(message: JsonObject, fileName: string): JsonObject {
  const print = message.print;
  if (!isJsonObject(print)) throw new Error(`${fileName} has no "print" object`);
  return print;
}

// Two objects are the same format when no key they share has a different JSON type.
function compatible(a: JsonObject, b: JsonObject): boolean {
  return Object.keys(b).every((key) => !(key in a) || jsonType(a[key]) === jsonType(b[key]));
}

/**
 * Adds keys from `extra` that `target` lacks, recursing into objects of the same
 * format. Objects whose shared keys disagree in type come from another firmware
 * generation (the X1's `device.nozzle`) and are left as the template has them.
 */
function mergeMissingKeys(target: JsonObject, extra: JsonObject): void {
  for (const [key, value] of Object.entries(extra)) {
    const existing = target[key];
    if (existing === undefined) {
      target[key] = structuredClone(value);
    } else if (isJsonObject(existing) && isJsonObject(value) && compatible(existing, value)) {
      mergeMissingKeys(existing, value);
    }
  }
}

// Fields the capture's author scrubbed; a real printer sends them in this shape.
function repairScrubbed(print: JsonObject): void {
  const net = print.net;
  if (isJsonObject(net) && !("info" in net)) {
    print.net = { conf: 0, info: [{ ip: 0, mask: 0 }] };
  }
  if (typeof print.wifi_signal === "string" && !/^-?\d+dBm$/.test(print.wifi_signal)) {
    print.wifi_signal = "-52dBm";
  }
}

/** The `print` object every report of this model is built from. */
export function printTemplate(profile: ModelProfile): JsonObject {
  const base = structuredClone(printSection(loadTemplate(profile.pushallTemplate), profile.pushallTemplate));
  for (const name of profile.extraTemplates) {
    mergeMissingKeys(base, printSection(loadTemplate(name), name));
  }
  repairScrubbed(base);
  return base;
}
