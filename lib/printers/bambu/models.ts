/**
 * Bambu printer models and what they can report. The configured model name is the
 * default; the get_version reply (project_name / product_name) overrides it.
 */

export const bambuModels = ["A1", "A1 mini", "P1P", "P1S", "X1C", "X1", "X1E", "unknown"] as const;
export type BambuModel = (typeof bambuModels)[number];

export interface ModelTraits {
  /** chamber_temper is a real sensor (A1/P1 send a constant placeholder). */
  chamberSensor: boolean;
  /** The AMS reports remaining filament; the AMS lite on A1/A1 mini sends 0 or 100 regardless. */
  amsRemaining: boolean;
  /** A1/P1 stream JPEG frames over TLS on port 6000; X1 uses RTSPS, which we do not support. */
  camera: "jpeg-tls" | "rtsps";
}

const traits: Record<BambuModel, ModelTraits> = {
  A1: { chamberSensor: false, amsRemaining: false, camera: "jpeg-tls" },
  "A1 mini": { chamberSensor: false, amsRemaining: false, camera: "jpeg-tls" },
  P1P: { chamberSensor: false, amsRemaining: true, camera: "jpeg-tls" },
  P1S: { chamberSensor: false, amsRemaining: true, camera: "jpeg-tls" },
  X1C: { chamberSensor: true, amsRemaining: true, camera: "rtsps" },
  X1: { chamberSensor: true, amsRemaining: true, camera: "rtsps" },
  X1E: { chamberSensor: true, amsRemaining: true, camera: "rtsps" },
  unknown: { chamberSensor: false, amsRemaining: true, camera: "jpeg-tls" },
};

export function modelTraits(model: BambuModel): ModelTraits {
  return traits[model];
}

/**
 * Model codes as the printer reports them in get_version; Bambu Studio writes the same
 * code as `printer_model_id` into the files it slices for the model.
 */
const modelCodes: Readonly<Record<string, BambuModel>> = {
  N1: "A1 mini",
  N2S: "A1",
  C11: "P1P",
  C12: "P1S",
  C13: "X1E",
  "BL-P001": "X1C",
  "BL-P002": "X1",
};

/** Per model, its codes (the slicer's `printer_model_id`). */
export function modelCodesByModel(): Record<string, string[]> {
  const byModel: Record<string, string[]> = {};
  for (const [code, model] of Object.entries(modelCodes)) byModel[model] = [...(byModel[model] ?? []), code];
  return byModel;
}

/** Accepts marketing names in any spelling ("A1 Mini", "a1mini", "Bambu Lab X1 Carbon") and codes. */
export function normalizeModel(input: string | null | undefined): BambuModel {
  if (!input) return "unknown";
  const code = modelCodes[input.trim().toUpperCase()];
  if (code) return code;
  const compact = input.toLowerCase().replace(/bambu\s*lab/g, "").replace(/[\s_-]/g, "");
  if (compact === "a1mini") return "A1 mini";
  if (compact === "a1") return "A1";
  if (compact === "p1p") return "P1P";
  if (compact === "p1s") return "P1S";
  if (compact === "x1c" || compact === "x1carbon") return "X1C";
  if (compact === "x1e") return "X1E";
  if (compact === "x1") return "X1";
  return "unknown";
}
