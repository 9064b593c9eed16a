import path from "node:path";
import { db } from "@/lib/db";
import { createSimulatorCa, startBambuSimulator, type BambuSimOptions, type BambuSimulator } from "@/sim/bambu";
import { startPrusaLinkSimulator, type PrusaLinkSimOptions, type PrusaLinkSimulator } from "@/sim/prusalink";
import { addBambuPrinter, addPrusaPrinter } from "@/testing/worker/printers";
import type { FaultContext } from "./scenario";

let ca: { certPem: string; keyPem: string } | null = null;

export interface SimulatedBambu {
  sim: BambuSimulator;
  id: string;
}

/** Bambu A1 simulators reporting every second, added to the product as printers. */
export async function startBambus(ctx: FaultContext, count: number, options: Partial<BambuSimOptions> = {}): Promise<SimulatedBambu[]> {
  ca ??= createSimulatorCa();
  const printers: SimulatedBambu[] = [];
  for (let i = 0; i < count; i++) {
    const sim = await startBambuSimulator({
      serial: `03919A${String(100000000 + i)}`,
      accessCode: `${10000000 + i}`,
      model: "A1",
      host: "127.0.0.1",
      ca,
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
