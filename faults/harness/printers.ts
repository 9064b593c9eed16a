import net from "node:net";
import path from "node:path";
import { db } from "@/lib/db";
import { createSimulatorCa, startBambuSimulator, type BambuSimOptions, type BambuSimulator } from "@/sim/bambu";
import { startPrusaLinkSimulator, type PrusaLinkSimOptions, type PrusaLinkSimulator } from "@/sim/prusalink";
import { addBambuPrinter, addPrusaPrinter } from "@/testing/worker/printers";
import type { FaultContext } from "./scenario";

let ca: { certPem: string; keyPem: string } | null = null;

/** The one CA every simulated Bambu printer of the run is signed by (a restarted printer too). */
export function simulatorCa(): { certPem: string; keyPem: string } {
  ca ??= createSimulatorCa();
  return ca;
}

/**
 * A free port below the kernel's ephemeral range (32768 and up), for a printer that must
 * come back on the same port: a freed ephemeral port can be taken meanwhile by one of the
 * worker's own outgoing reconnects.
 */
export async function freeFixedPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

export interface SimulatedBambu {
  sim: BambuSimulator;
  id: string;
}

/** Bambu A1 simulators reporting every second, added to the product as printers. */
export async function startBambus(ctx: FaultContext, count: number, options: Partial<BambuSimOptions> = {}, fixedPorts = false): Promise<SimulatedBambu[]> {
  const printers: SimulatedBambu[] = [];
  for (let i = 0; i < count; i++) {
    const ports = fixedPorts ? { mqttPort: await freeFixedPort(), ftpPort: await freeFixedPort() } : {};
    const sim = await startBambuSimulator({
      ...ports,
      serial: `03919A${String(100000000 + i)}`,
      accessCode: `${10000000 + i}`,
      model: "A1",
      host: "127.0.0.1",
      ca: simulatorCa(),
      storageDir: path.join(ctx.dir, `bambu-${i}`),
      prepareSeconds: 1,
      reportIntervalMs: 1000,
      idleReportIntervalMs: 1000,
      cameraPort: 0,
      ...options,
    });
    ctx.defer(() => sim.close());
    printers.push({ sim, id: (await addBambuPrinter(sim, `Bambu ${i}`)).id });
  }
  return printers;
}

export interface SimulatedPrusa {
  sim: PrusaLinkSimulator;
  id: string;
}

/** A PrusaLink simulator; `port` overrides the port the product is told (a proxy in front). */
export async function startPrusa(ctx: FaultContext, name: string, options: Partial<PrusaLinkSimOptions> = {}, port?: (sim: PrusaLinkSimulator) => Promise<number>): Promise<SimulatedPrusa> {
  const sim = await startPrusaLinkSimulator({ model: "Core One", host: "127.0.0.1", port: 0, storageDir: path.join(ctx.dir, name), ...options });
  ctx.defer(() => sim.close());
  const productPort = port ? await port(sim) : sim.port;
  const view = await addPrusaPrinter({ host: sim.host, port: productPort, username: sim.username, password: sim.password, model: sim.model }, name);
  return { sim, id: view.id };
}

export async function onlineCount(ids: string[]): Promise<number> {
  return db.printerStatus.count({ where: { printerId: { in: ids }, online: true } });
}

export async function newestEventId(): Promise<number> {
  return (await db.event.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
}

/** Waits until the printer's stored state shows developer mode `on`; the wait in ms, or null after `timeoutMs`. */
export async function developerModeStored(printer: SimulatedBambu, on: boolean, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  for (;;) {
    const row = await db.printerStatus.findUnique({ where: { printerId: printer.id }, select: { data: true } });
    if (row && (JSON.parse(row.data) as { developerModeRequired?: boolean }).developerModeRequired === !on) return Date.now() - started;
    if (Date.now() - started > timeoutMs) return null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Flips a Bambu printer's developer mode (a change the worker reports at once) and
 * returns how long until the printer's stored state shows it, or null after `timeoutMs`.
 */
export function changeReaches(printer: SimulatedBambu, timeoutMs: number): Promise<number | null> {
  const on = !printer.sim.state().developerMode;
  printer.sim.setDeveloperMode(on);
  return developerModeStored(printer, on, timeoutMs);
}

/**
 * Counts the prints each simulated Bambu printer starts (a turn from not printing to
 * PREPARE or RUNNING), sampled every 50 ms until stopped; the counts by printer id.
 */
export function countStarts(printers: SimulatedBambu[]): { stop(): Map<string, number> } {
  const printing = (p: SimulatedBambu) => ["PREPARE", "RUNNING", "PAUSE"].includes(p.sim.state().gcodeState);
  const starts = new Map(printers.map((p) => [p.id, 0]));
  const was = new Map(printers.map((p) => [p.id, printing(p)]));
  const sample = () => {
    for (const p of printers) {
      const now = printing(p);
      if (now && !was.get(p.id)) starts.set(p.id, (starts.get(p.id) ?? 0) + 1);
      was.set(p.id, now);
    }
  };
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return starts;
    },
  };
}
