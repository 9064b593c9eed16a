export const bambuModels = ["A1", "A1 mini", "P1S", "P1P", "X1C"] as const;
export type BambuModel = (typeof bambuModels)[number];

/** What differs between printer models, as seen from the LAN. */
export interface ModelProfile {
  model: BambuModel;
  productName: string;
  /** `project_name` in get_version (N2S, N1, C11/C12, BL-P001). */
  projectCode: string;
  /** Real pushall capture used as the shape of every report. */
  pushallTemplate: string;
  /**
   * Further real captures of the same model whose keys the template lacks (other
   * firmware or state); their missing keys are merged in so no real key is absent.
   */
  extraTemplates: readonly string[];
  /** Real get_version capture, or null when none exists and one is built. */
  versionTemplate: string | null;
  /** A1/P1 send deltas (msg 1); X1 on LAN sends the full state every time. */
  reportStyle: "delta" | "full";
  /** Temperatures come in 1/32 °C steps on A1/P1 and whole degrees on X1. */
  temperatureStep: number;
  /** Only the X1 has a chamber sensor; the others report a constant. */
  chamberSensor: boolean;
  /** print_error while paused by filament runout (the fixtures: A1 0x03008015, P1 0x03008004). */
  runoutPrintError: number;
  /** A1 mini's vsFTPd answers 502 to REST and FEAT. */
  ftpRest: boolean;
  ftpFeat: boolean;
  /** A1/P1 stream JPEG over TLS :6000; X1 uses RTSPS :322 instead. */
  jpegCamera: boolean;
  /** Part-cooling, aux and chamber fans the model has (A1 has no aux/chamber fan). */
  auxFan: boolean;
  chamberFan: boolean;
  /** Where the printer reports the running G-code (X1 unpacks to /data). */
  gcodeFileStyle: "sdcard" | "data";
}

const profiles: Record<BambuModel, ModelProfile> = {
  A1: {
    model: "A1",
    productName: "Bambu Lab A1",
    projectCode: "N2S",
    pushallTemplate: "a1-pushall-idle.json",
    extraTemplates: [],
    versionTemplate: "a1-get_version.json",
    reportStyle: "delta",
    temperatureStep: 1 / 32,
    chamberSensor: false,
    runoutPrintError: 0x03008015,
    ftpRest: true,
    ftpFeat: true,
    jpegCamera: true,
    auxFan: false,
    chamberFan: false,
    gcodeFileStyle: "sdcard",
  },
  "A1 mini": {
    model: "A1 mini",
    productName: "Bambu Lab A1 mini",
    projectCode: "N1",
    pushallTemplate: "a1mini-pushall-idle.json",
    extraTemplates: [],
    versionTemplate: "a1mini-get_version.json",
    reportStyle: "delta",
    temperatureStep: 1 / 32,
    chamberSensor: false,
    runoutPrintError: 0x03008015,
    ftpRest: false,
    ftpFeat: false,
    jpegCamera: true,
    auxFan: false,
    chamberFan: false,
    gcodeFileStyle: "sdcard",
  },
  P1S: {
    model: "P1S",
    productName: "Bambu Lab P1S",
    projectCode: "C12",
    pushallTemplate: "p1s-pushall-finish.json",
    extraTemplates: [],
    versionTemplate: "p1p-get_version.json",
    reportStyle: "delta",
    temperatureStep: 1 / 32,
    chamberSensor: false,
    runoutPrintError: 0x03008004,
    ftpRest: true,
    ftpFeat: true,
    jpegCamera: true,
    auxFan: true,
    chamberFan: true,
    gcodeFileStyle: "sdcard",
  },
  P1P: {
    model: "P1P",
    productName: "Bambu Lab P1P",
    projectCode: "C11",
    pushallTemplate: "p1p-pushall-finish-noams.json",
    extraTemplates: ["p1p-pushall-failed.json"],
    versionTemplate: "p1p-get_version.json",
    reportStyle: "delta",
    temperatureStep: 1 / 32,
    chamberSensor: false,
    runoutPrintError: 0x03008004,
    ftpRest: true,
    ftpFeat: true,
    jpegCamera: true,
    auxFan: true,
    chamberFan: false,
    gcodeFileStyle: "sdcard",
  },
  X1C: {
    model: "X1C",
    productName: "Bambu Lab X1 Carbon",
    projectCode: "BL-P001",
    pushallTemplate: "x1c-pushall-finish-multiams.json",
    extraTemplates: ["x1-pushall-running.json"],
    versionTemplate: null,
    reportStyle: "full",
    temperatureStep: 1,
    chamberSensor: true,
    runoutPrintError: 0x03008004,
    ftpRest: true,
    ftpFeat: true,
    jpegCamera: false,
    auxFan: true,
    chamberFan: true,
    gcodeFileStyle: "data",
  },
};

export function modelProfile(model: BambuModel): ModelProfile {
  return profiles[model];
}

/** Serial prefixes as printed on real devices, for tools that need plausible serials. */
export const serialPrefixes: Record<BambuModel, string> = {
  A1: "03919A",
  "A1 mini": "0300AA",
  P1S: "01P00A",
  P1P: "01S00A",
  X1C: "00M00A",
};
