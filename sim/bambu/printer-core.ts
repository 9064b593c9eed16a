import type { JsonObject } from "./json";
import { isJsonObject } from "./json";
import { type BambuModel, type ModelProfile, modelProfile } from "./models";
import { PrinterModel, type PrinterTiming } from "./printer-model";
import { type Random, seededRandom } from "./random";
import { ReportBuilder } from "./report-builder";
import { printTemplate } from "./templates";

/** The printer without any network: its state machine and the report builder for its model. */
export interface PrinterCore {
  profile: ModelProfile;
  template: JsonObject;
  random: Random;
  model: PrinterModel;
  builder: ReportBuilder;
}

function numberAt(print: JsonObject, key: string, fallback: number): number {
  const value = print[key];
  return typeof value === "number" ? value : fallback;
}

function chamberLightOn(print: JsonObject): boolean {
  const lights = print.lights_report;
  if (!Array.isArray(lights)) return false;
  return lights.some((l) => isJsonObject(l) && l.node === "chamber_light" && l.mode === "on");
}

export function createPrinterCore(model: BambuModel, serial: string, timing: PrinterTiming): PrinterCore {
  const profile = modelProfile(model);
  const template = printTemplate(profile);
  const random = seededRandom(serial);
  const printer = new PrinterModel({
    profile,
    random,
    timing,
    // The capture's temperatures are the room the printer stands in.
    initial: {
      nozzle: numberAt(template, "nozzle_temper", 25),
      bed: numberAt(template, "bed_temper", 25),
      chamber: numberAt(template, "chamber_temper", 25),
      lightOn: chamberLightOn(template),
    },
  });
  return { profile, template, random, model: printer, builder: new ReportBuilder(profile, template, random) };
}
