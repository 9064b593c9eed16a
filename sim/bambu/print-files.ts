import { open, readFile, stat } from "node:fs/promises";
import { type PrintFileInfo, readPrintFileInfo } from "./gcode-3mf";
import { diskPath, virtualPath } from "./storage-paths";

const maxParsedBytes = 64 * 1024 * 1024;

const fallbackInfo: PrintFileInfo = { predictionSeconds: 1800, totalLayers: 100, weightGrams: 10, nozzleTemp: 220, bedTemp: 60, plates: [1] };

/**
 * The storage path a project_file url points at: `ftp:///cache/x.gcode.3mf`,
 * `ftp://x.gcode.3mf` (relative to the root) or `file:///sdcard/cache/x.gcode.3mf`.
 */
export function storagePathFromUrl(url: string): string | null {
  const match = /^(ftp|file):\/\/(.*)$/i.exec(url.trim());
  if (!match) return null;
  let rest = match[2];
  if (match[1].toLowerCase() === "file") {
    rest = rest.replace(/^\/(mnt\/)?sdcard(?=\/|$)/i, "");
    if (!rest.startsWith("/")) return null;
  }
  return virtualPath("/", rest);
}

/** Plate number from `param: "Metadata/plate_2.gcode"` or `plate_idx`, default 1. */
export function plateNumber(param: string | undefined, plateIndex: string | number | undefined): number {
  const fromParam = param ? /plate_(\d+)\.gcode/.exec(param)?.[1] : undefined;
  const value = Number(fromParam ?? plateIndex ?? 1);
  return Number.isInteger(value) && value > 0 ? value : 1;
}

/**
 * Finds a file on storage by storage path, trying the percent-decoded form too, and
 * bare names in `/` and `/cache`. Returns the storage path and disk path.
 */
export async function findStorageFile(rootReal: string, name: string): Promise<{ storagePath: string; disk: string } | null> {
  const candidates = name.startsWith("/") ? [name] : [`/${name}`, `/cache/${name}`];
  let decoded: string | null = null;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    decoded = null;
  }
  if (decoded && decoded !== name) candidates.push(...(decoded.startsWith("/") ? [decoded] : [`/${decoded}`, `/cache/${decoded}`]));
  for (const candidate of candidates) {
    const storagePath = virtualPath("/", candidate);
    const disk = await diskPath(rootReal, storagePath, true);
    if (disk && (await stat(disk).catch(() => null))?.isFile()) return { storagePath, disk };
  }
  return null;
}

async function gcodeHeader(disk: string): Promise<string> {
  const handle = await open(disk, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

/** What a print of this file needs: duration, layers, temperatures; plausible defaults otherwise. */
export async function printFileInfo(disk: string, plate: number): Promise<PrintFileInfo | null> {
  const size = (await stat(disk)).size;
  if (/\.3mf$/i.test(disk)) {
    if (size > maxParsedBytes) return fallbackInfo;
    const info = readPrintFileInfo(new Uint8Array(await readFile(disk)), plate);
    return info;
  }
  if (/\.gcode$/i.test(disk)) {
    const head = await gcodeHeader(disk);
    const layers = Number(/^; total layer number: (\d+)/m.exec(head)?.[1] ?? fallbackInfo.totalLayers);
    const nozzle = Number(/^; nozzle_temperature = (\d+)/m.exec(head)?.[1] ?? fallbackInfo.nozzleTemp);
    const bed = Number(/^; hot_plate_temp = (\d+)/m.exec(head)?.[1] ?? fallbackInfo.bedTemp);
    return { ...fallbackInfo, totalLayers: layers, nozzleTemp: nozzle, bedTemp: bed };
  }
  return null;
}
