import { z } from "zod";

/**
 * Schemas of what a Bambu printer sends over MQTT. Firmware differs between models and
 * versions (numbers arrive as strings, keys come and go), so every key is optional,
 * unknown keys pass through, and numbers may be numeric strings. A value of a truly
 * wrong type (an object where a number belongs) fails validation: the driver then
 * reports the payload as invalid and keeps its last good state.
 */

const numericString = /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/;

/** A finite number, or a string holding one ("0", "-48", "0.0"). */
export const numberish = z
  .union([z.number(), z.string().regex(numericString).transform(Number)])
  .pipe(z.number());

/** Identifiers arrive as "0", 0 or "XXXXX" (redacted): kept as strings. */
export const idString = z.union([z.string(), z.number().transform(String)]);

const optionalNumber = numberish.nullish();
const optionalString = z.string().nullish();

export const hmsEntrySchema = z.looseObject({
  attr: numberish,
  code: numberish,
});
export type HmsEntry = z.infer<typeof hmsEntrySchema>;

export const lightReportSchema = z.looseObject({
  node: z.string(),
  mode: z.string(),
});

export const traySchema = z.looseObject({
  id: idString,
  tray_type: optionalString,
  tray_color: optionalString,
  remain: optionalNumber,
  state: optionalNumber,
});
export type Tray = z.infer<typeof traySchema>;

export const amsUnitSchema = z.looseObject({
  id: idString,
  humidity: z.union([z.string(), z.number()]).nullish(),
  temp: z.union([z.string(), z.number()]).nullish(),
  tray: z.array(traySchema).nullish(),
});
export type AmsUnit = z.infer<typeof amsUnitSchema>;

export const amsSchema = z.looseObject({
  ams: z.array(amsUnitSchema).nullish(),
  tray_now: idString.nullish(),
  tray_tar: idString.nullish(),
});

export const externalTraySchema = z.looseObject({
  id: idString.nullish(),
  tray_type: optionalString,
  tray_color: optionalString,
  remain: optionalNumber,
});

/** Newer X1/H2 firmware reports the chamber sensor under device.ctc. */
const deviceSchema = z.looseObject({
  ctc: z
    .looseObject({
      info: z.looseObject({ temp: optionalNumber }).nullish(),
    })
    .nullish(),
});

/** The `print` member of a report: a push_status snapshot/delta or a command ack. */
export const printReportSchema = z.looseObject({
  command: optionalString,
  msg: optionalNumber,
  sequence_id: idString.nullish(),
  result: optionalString,
  reason: optionalString,
  err_code: optionalNumber,

  gcode_state: optionalString,
  mc_percent: optionalNumber,
  mc_remaining_time: optionalNumber,
  layer_num: optionalNumber,
  total_layer_num: optionalNumber,
  gcode_start_time: z.union([z.string(), z.number()]).nullish(),

  nozzle_temper: optionalNumber,
  nozzle_target_temper: optionalNumber,
  bed_temper: optionalNumber,
  bed_target_temper: optionalNumber,
  chamber_temper: optionalNumber,

  subtask_name: optionalString,
  gcode_file: optionalString,
  task_id: idString.nullish(),
  subtask_id: idString.nullish(),
  project_id: idString.nullish(),

  print_error: optionalNumber,
  fail_reason: idString.nullish(),
  hms: z.array(hmsEntrySchema).nullish(),
  fun: optionalString,
  lights_report: z.array(lightReportSchema).nullish(),

  ams: amsSchema.nullish(),
  vt_tray: externalTraySchema.nullish(),
  device: deviceSchema.nullish(),

  big_fan1_speed: optionalNumber,
  big_fan2_speed: optionalNumber,
  cooling_fan_speed: optionalNumber,
  heatbreak_fan_speed: optionalNumber,
});
export type PrintReport = z.infer<typeof printReportSchema>;

export const versionModuleSchema = z.looseObject({
  name: z.string(),
  sw_ver: optionalString,
  hw_ver: optionalString,
  project_name: optionalString,
  product_name: optionalString,
  sn: optionalString,
});

export const infoReportSchema = z.looseObject({
  command: z.string(),
  sequence_id: idString.nullish(),
  module: z.array(versionModuleSchema).nullish(),
  result: optionalString,
  reason: optionalString,
  err_code: optionalNumber,
});
export type InfoReport = z.infer<typeof infoReportSchema>;

/** Replies to `system` commands such as ledctrl. */
export const systemReportSchema = z.looseObject({
  command: optionalString,
  sequence_id: idString.nullish(),
  result: optionalString,
  reason: optionalString,
  err_code: optionalNumber,
});

/** One MQTT message on device/{serial}/report. */
export const reportEnvelopeSchema = z.looseObject({
  print: printReportSchema.optional(),
  info: infoReportSchema.optional(),
  system: systemReportSchema.optional(),
});
export type ReportEnvelope = z.infer<typeof reportEnvelopeSchema>;

/** Formats zod issues as one short line: paths and codes, never the values themselves. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.code}`)
    .join("; ");
}
