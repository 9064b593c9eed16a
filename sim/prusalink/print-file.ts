/** A print file as the printer model and the renderers need it. */
export interface PrintFileRef {
  /** Storage the file lives on: "usb" (Buddy), "local" or "sdcard" (Pi). */
  storageId: string;
  /** Path the API uses for it: "/usb/OTHER/BENCHY.GCO" on Buddy, "/PrusaLink gcodes/x.gcode" on the Pi. */
  apiPath: string;
  /** Long file name. */
  displayName: string;
  /** Path with long names ("/usb/Other/benchy.gcode"). */
  displayPath: string;
  diskPath: string;
  size: number;
  mtimeSec: number;
}

export interface MaterialTemps {
  material: string;
  nozzle: number;
  bed: number;
}

const materials: MaterialTemps[] = [
  { material: "PLA", nozzle: 215, bed: 60 },
  { material: "PETG", nozzle: 240, bed: 85 },
  { material: "ASA", nozzle: 260, bed: 105 },
  { material: "ABS", nozzle: 255, bed: 100 },
  { material: "PC", nozzle: 275, bed: 110 },
  { material: "PA", nozzle: 285, bed: 100 },
  { material: "FLEX", nozzle: 240, bed: 50 },
  { material: "TPU", nozzle: 230, bed: 50 },
];

/** PrusaSlicer names files `<object>_<nozzle>n_<layer>mm_<MATERIAL>_<printer>_<time>`. */
export function materialFromName(name: string): MaterialTemps {
  const tokens = name.toUpperCase().split(/[_,.\s-]+/);
  for (const token of tokens) {
    const found = materials.find((m) => m.material === token);
    if (found) return found;
  }
  return materials[0] ?? { material: "PLA", nozzle: 215, bed: 60 };
}

const printable = /\.(gcode|gco|g|bgcode|bgc)$/i;

export function isPrintFileName(name: string): boolean {
  return printable.test(name);
}

/** "..._1h2m.bgcode" -> 3720; null when the name carries no time. */
export function estimatedSecondsFromName(name: string): number | null {
  const m = /_(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?\.[a-z]+$/i.exec(name);
  if (!m || !(m[1] || m[2] || m[3] || m[4])) return null;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}

/** "..._0.15mm_..." -> 0.15 */
export function layerHeightFromName(name: string): number | null {
  const m = /_(\d+(?:\.\d+)?)mm_/i.exec(name);
  return m ? Number(m[1]) : null;
}
