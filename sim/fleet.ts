import { randomBytes, randomInt } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { logger } from "@/lib/log/logger";
import type { BambuModel } from "./bambu/index";
import { createSimulatorCa, serialPrefixes, startBambuSimulator } from "./bambu/index";
import type { PrusaLinkModel, PrusaLinkSimulator } from "./prusalink/index";
import { startPrusaLinkSimulator } from "./prusalink/index";

const log = logger("sim-fleet");

/** The mix a fleet of several Bambu printers cycles through. */
const bambuMix: BambuModel[] = ["A1", "A1 mini", "P1S", "X1C"];
const prusaModels: PrusaLinkModel[] = ["Core One", "MK4"];

const fleetOptionsSchema = z.object({
  bambu: z.number().int().min(0).max(100).default(1),
  prusa: z.number().int().min(0).max(100).default(1),
  /** First loopback address; each printer gets the next one (127.0.0.10, .11, ...). */
  baseHost: z
    .string()
    .regex(/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/, "must be a 127.x.y.z loopback address")
    .default("127.0.0.10"),
  /** Where storage folders and the CA go; a temp folder (removed on close) when omitted. */
  dataDir: z.string().optional(),
  printSeconds: z.number().positive().default(600),
  /** Printers start prints of their own files now and then. */
  autoPrint: z.boolean().default(false),
  /** Try the printers' real ports (8883/990/6000, 80) before falling back to ephemeral ones. */
  defaultPorts: z.boolean().default(true),
});
export type FleetOptions = z.input<typeof fleetOptionsSchema>;

/** What a user needs to add one simulated printer to Printernizer. */
export interface FleetPrinter {
  name: string;
  kind: "bambu" | "prusalink";
  model: string;
  host: string;
  mqttPort: number | null;
  ftpPort: number | null;
  cameraPort: number | null;
  httpPort: number | null;
  serial: string;
  accessCode: string | null;
  username: string | null;
  password: string | null;
  tls: "custom-ca" | null;
  caCertPath: string | null;
  caCert: string | null;
}

export interface Fleet {
  printers: FleetPrinter[];
  dataDir: string;
  caCertPath: string;
  close(): Promise<void>;
}

interface Member {
  printer: FleetPrinter;
  close(): Promise<void>;
  /** Starts a print of one of its own files when idle; resolves false when it did nothing. */
  tryAutoPrint(): Promise<boolean>;
}

function hostAt(base: string, offset: number): string {
  const parts = base.split(".").map(Number);
  const last = (parts[3] ?? 0) + offset;
  if (parts.some((p) => p > 255) || last > 254) throw new Error(`no loopback address left after ${base} for printer ${offset + 1}`);
  return `${parts[0]}.${parts[1]}.${parts[2]}.${last}`;
}

function pickOne<T>(items: T[]): T | undefined {
  return items.length > 0 ? items[randomInt(items.length)] : undefined;
}

function digits(count: number): string {
  return Array.from({ length: count }, () => String(randomInt(10))).join("");
}

/** Tries the preferred port first; a busy or privileged port falls back to an ephemeral one. */
async function withPortFallback<T>(preferred: boolean, start: (usePreferred: boolean) => Promise<T>, what: string): Promise<T> {
  if (preferred) {
    try {
      return await start(true);
    } catch (error) {
      log.warn({ err: error, what }, "preferred ports unavailable, using ephemeral ports");
    }
  }
  return start(false);
}

async function startBambuMember(
  index: number,
  host: string,
  opts: z.output<typeof fleetOptionsSchema>,
  dataDir: string,
  ca: { certPem: string; keyPem: string },
  caCertPath: string,
): Promise<Member> {
  const model: BambuModel = opts.bambu > 1 ? (bambuMix[index % bambuMix.length] ?? "A1") : "A1";
  const serial = `${serialPrefixes[model]}${digits(9)}`;
  const accessCode = digits(8);
  const storageDir = path.join(dataDir, `bambu-${index + 1}`);
  await mkdir(storageDir, { recursive: true });
  const sim = await withPortFallback(
    opts.defaultPorts,
    (preferred) =>
      startBambuSimulator({
        serial,
        accessCode,
        model,
        host,
        mqttPort: preferred ? 8883 : 0,
        ftpPort: preferred ? 990 : 0,
        cameraPort: preferred ? 6000 : 0,
        storageDir,
        ca,
        printSeconds: opts.printSeconds,
      }),
    `bambu ${host}`,
  );
  return {
    printer: {
      name: `Bambu ${model} #${index + 1}`,
      kind: "bambu",
      model,
      host,
      mqttPort: sim.mqttPort,
      ftpPort: sim.ftpPort,
      cameraPort: sim.cameraPort,
      httpPort: null,
      serial,
      accessCode,
      username: "bblp",
      password: null,
      tls: "custom-ca",
      caCertPath,
      caCert: sim.caCertPem,
    },
    close: () => sim.close(),
    tryAutoPrint: async () => {
      const state = sim.state().gcodeState;
      if (state !== "IDLE" && state !== "FINISH" && state !== "FAILED") return false;
      const pick = pickOne(await sim.printFiles());
      if (!pick) return false;
      await sim.startPrint(pick);
      return true;
    },
  };
}

async function startPrusaMember(index: number, host: string, opts: z.output<typeof fleetOptionsSchema>, dataDir: string): Promise<Member> {
  const model = prusaModels[index % prusaModels.length] ?? "Core One";
  const storageDir = path.join(dataDir, `prusa-${index + 1}`);
  const password = randomBytes(12).toString("base64url").slice(0, 15);
  const unprivileged = typeof process.getuid === "function" && process.getuid() !== 0;
  const sim: PrusaLinkSimulator = await withPortFallback(
    opts.defaultPorts,
    (preferred) =>
      startPrusaLinkSimulator({ model, host, port: preferred ? (unprivileged ? 8080 : 80) : 0, password, storageDir, printSeconds: opts.printSeconds }),
    `prusalink ${host}`,
  );
  return {
    printer: {
      name: `Prusa ${model} #${index + 1}`,
      kind: "prusalink",
      model,
      host,
      mqttPort: null,
      ftpPort: null,
      cameraPort: null,
      httpPort: sim.port,
      serial: sim.serial,
      accessCode: null,
      username: sim.username,
      password: sim.password,
      tls: null,
      caCertPath: null,
      caCert: null,
    },
    close: () => sim.close(),
    tryAutoPrint: async () => {
      const state = sim.state().state;
      if (state === "FINISHED" || state === "STOPPED") sim.acknowledge();
      if (sim.state().state !== "IDLE") return false;
      const pick = pickOne(await sim.printFiles());
      if (!pick) return false;
      await sim.startPrint(pick);
      return true;
    },
  };
}

/**
 * Starts `bambu` Bambu and `prusa` PrusaLink simulators, each on its own loopback
 * address, all Bambu printers signed by one CA written to `<dataDir>/ca.pem`.
 */
export async function startFleet(input: FleetOptions = {}): Promise<Fleet> {
  const opts = fleetOptionsSchema.parse(input);
  const ownsDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(tmpdir(), "printernizer-fleet-")));
  await mkdir(dataDir, { recursive: true });
  const ca = createSimulatorCa();
  const caCertPath = path.join(dataDir, "ca.pem");
  await writeFile(caCertPath, ca.certPem);

  const members: Member[] = [];
  const closeAll = async () => {
    const results = await Promise.allSettled(members.map((m) => m.close()));
    for (const r of results) if (r.status === "rejected") log.error({ err: r.reason }, "simulator failed to close");
  };
  try {
    for (let i = 0; i < opts.bambu; i++) {
      members.push(await startBambuMember(i, hostAt(opts.baseHost, i), opts, dataDir, ca, caCertPath));
    }
    for (let i = 0; i < opts.prusa; i++) {
      members.push(await startPrusaMember(i, hostAt(opts.baseHost, opts.bambu + i), opts, dataDir));
    }
  } catch (error) {
    await closeAll();
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const autoPrintRound = () =>
    Promise.all(
      members.map(async (m) => {
        if (Math.random() >= 0.5) return;
        try {
          if (await m.tryAutoPrint()) log.info({ printer: m.printer.name }, "auto print started");
        } catch (error) {
          log.warn({ err: error, printer: m.printer.name }, "auto print failed");
        }
      }),
    );
  const scheduleAutoPrint = () => {
    if (closed) return;
    timer = setTimeout(() => void autoPrintRound().finally(scheduleAutoPrint), 15_000 + randomInt(15_000));
    timer.unref();
  };
  if (opts.autoPrint) {
    await autoPrintRound();
    scheduleAutoPrint();
  }

  log.info({ printers: members.length, dataDir }, "fleet running");
  return {
    printers: members.map((m) => m.printer),
    dataDir,
    caCertPath,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await closeAll();
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
      log.info("fleet closed");
    },
  };
}
