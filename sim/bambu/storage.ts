import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { type Gcode3mfSpec, buildGcode3mf } from "./gcode-3mf";
import type { ModelProfile } from "./models";
import { seededRandom } from "./random";

/** The folders of an A1/P1 SD card as its FTPS server shows them. */
const storageFolders = ["cache", "model", "timelapse", "timelapse/thumbnail", "image"] as const;

interface SampleFile {
  storagePath: string;
  spec: Omit<Gcode3mfSpec, "printerModelId" | "printerModelName">;
}

// Names with spaces and umlauts on purpose: clients must handle both over FTPS.
const sampleFiles: SampleFile[] = [
  {
    storagePath: "/cache/3DBenchy.gcode.3mf",
    spec: {
      title: "3DBenchy",
      predictionSeconds: 2940,
      totalLayers: 240,
      layerHeight: 0.2,
      nozzleTemp: 220,
      bedTemp: 65,
      filaments: [{ type: "PLA", color: "#F2754E", trayInfoIdx: "GFA00", usedGrams: 13.21, usedMeters: 4.43 }],
    },
  },
  {
    storagePath: "/cache/Kalibrierwürfel 20mm.gcode.3mf",
    spec: {
      title: "Kalibrierwürfel 20mm",
      predictionSeconds: 1095,
      totalLayers: 100,
      layerHeight: 0.2,
      nozzleTemp: 220,
      bedTemp: 65,
      filaments: [{ type: "PLA", color: "#00AE42", trayInfoIdx: "GFA00", usedGrams: 6.92, usedMeters: 2.32 }],
    },
  },
  {
    storagePath: "/cache/Gridfinity Box 2x2.gcode.3mf",
    spec: {
      title: "Gridfinity Box 2x2",
      predictionSeconds: 7860,
      totalLayers: 210,
      layerHeight: 0.2,
      nozzleTemp: 250,
      bedTemp: 70,
      filaments: [{ type: "PETG", color: "#1F4E9C", trayInfoIdx: "GFG00", usedGrams: 52.3, usedMeters: 17.1 }],
    },
  },
  {
    storagePath: "/Spulenhalter für Regal.gcode.3mf",
    spec: {
      title: "Spulenhalter für Regal",
      predictionSeconds: 5400,
      totalLayers: 150,
      layerHeight: 0.24,
      nozzleTemp: 220,
      bedTemp: 55,
      filaments: [
        { type: "PLA", color: "#161616", trayInfoIdx: "GFA01", usedGrams: 31.8, usedMeters: 10.6 },
        { type: "PLA", color: "#FFFFFF", trayInfoIdx: "GFA00", usedGrams: 6.6, usedMeters: 2.2 },
      ],
    },
  },
];

export async function createStorageDir(dir: string | undefined): Promise<string> {
  const root = dir ?? (await mkdtemp(path.join(tmpdir(), "bambu-sim-")));
  await mkdir(root, { recursive: true });
  for (const folder of storageFolders) await mkdir(path.join(root, folder), { recursive: true });
  return root;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Writes the sample prints that are not there yet; returns their storage paths. */
export async function prefillStorage(root: string, profile: ModelProfile): Promise<string[]> {
  const written: string[] = [];
  for (const sample of sampleFiles) {
    const target = path.join(root, sample.storagePath);
    if (!(await exists(target))) {
      const bytes = buildGcode3mf({ ...sample.spec, printerModelId: profile.projectCode, printerModelName: profile.productName });
      await writeFile(target, bytes);
    }
    written.push(sample.storagePath);
  }
  return written;
}

/** Storage paths of everything the printer could print (*.gcode.3mf, *.3mf, *.gcode). */
export async function listPrintFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const folder of ["", "cache", "model"]) {
    let entries: string[];
    try {
      entries = await readdir(path.join(root, folder));
    } catch {
      continue;
    }
    for (const name of entries.sort()) {
      if (/\.(gcode\.3mf|3mf|gcode)$/i.test(name)) found.push(`/${folder ? `${folder}/` : ""}${name}`);
    }
  }
  return found;
}

const blockSize = 1024 * 1024;

/**
 * A deterministic file of exactly `sizeBytes` for throughput tests, written once in
 * 1 MiB blocks of seeded noise (incompressible, so TLS and disks do real work).
 * Returns its storage path ("/cache/large-<size>.bin").
 */
export async function ensureLargeFile(root: string, sizeBytes: number, name = `large-${sizeBytes}.bin`): Promise<string> {
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 0) throw new Error(`invalid size ${sizeBytes}`);
  if (name.includes("/") || name.includes("\\") || name === ".." || name === ".") throw new Error(`invalid file name ${name}`);
  const target = path.join(root, "cache", name);
  const existing = await stat(target).catch(() => null);
  if (existing?.isFile() && existing.size === sizeBytes) return `/cache/${name}`;
  const random = seededRandom(name);
  const block = Buffer.alloc(blockSize);
  for (let i = 0; i < blockSize; i += 4) block.writeUInt32LE(Math.floor(random.next() * 0x100000000), i);
  const out = createWriteStream(target);
  let remaining = sizeBytes;
  while (remaining > 0) {
    const piece = remaining >= blockSize ? block : block.subarray(0, remaining);
    remaining -= piece.length;
    if (!out.write(piece)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return `/cache/${name}`;
}
