import { type JsonObject, type JsonValue, isJsonObject } from "./json";
import type { ModelProfile } from "./models";
import { loadTemplate } from "./templates";

// No X1C get_version capture exists; this follows the captured modules' shape with the
// X1's boards (rv1126 AP board, MC07, TH07) and the firmware of the X1C pushall capture.
function x1cModules(serial: string): JsonValue[] {
  return [
    { name: "ota", project_name: "BL-P001", sw_ver: "01.09.00.01", hw_ver: "OTA", sn: serial, flag: 3 },
    { name: "rv1126", project_name: "BL-P001", sw_ver: "00.00.32.16", hw_ver: "AP05", sn: `${serial}AP`, flag: 0 },
    { name: "mc", project_name: "BL-P001", sw_ver: "00.00.27.52", loader_ver: "00.00.00.23", hw_ver: "MC07", sn: `${serial}MC`, flag: 0 },
    { name: "th", project_name: "BL-P001", sw_ver: "00.00.08.21", loader_ver: "00.00.00.14", hw_ver: "TH07", sn: `${serial}TH`, flag: 0 },
    { name: "ams/0", project_name: "", sw_ver: "00.00.06.49", loader_ver: "00.00.00.00", ota_ver: "00.00.00.00", hw_ver: "AMS08", sn: `${serial}A0`, flag: 0 },
    { name: "ams/1", project_name: "", sw_ver: "00.00.06.49", loader_ver: "00.00.00.00", ota_ver: "00.00.00.00", hw_ver: "AMS08", sn: `${serial}A1`, flag: 0 },
  ];
}

/** The `info.get_version` answer of this model, echoing the caller's sequence_id. */
export function versionReport(profile: ModelProfile, serial: string, sequenceId: JsonValue): JsonObject {
  if (profile.versionTemplate === null) {
    return { info: { command: "get_version", sequence_id: sequenceId, module: x1cModules(serial), result: "success", reason: "" } };
  }
  const message = loadTemplate(profile.versionTemplate);
  const info = message.info;
  if (!isJsonObject(info)) throw new Error(`${profile.versionTemplate} has no "info" object`);
  const modules = Array.isArray(info.module) ? info.module : [];
  modules.forEach((module, index) => {
    if (!isJsonObject(module)) return;
    // The captures' serials were redacted; a device reports its own.
    if ("sn" in module) module.sn = index === 0 ? serial : `${serial}${String(module.name ?? index).replace(/[^A-Za-z0-9]/g, "").toUpperCase()}`;
    // One P1 capture serves P1P (C11) and P1S (C12), which share boards.
    if (module.project_name === "C11") module.project_name = profile.projectCode;
  });
  info.sequence_id = sequenceId;
  return message;
}
