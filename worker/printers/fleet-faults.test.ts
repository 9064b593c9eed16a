import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as commandsRoute from "@/app/api/printers/[id]/commands/route";
import { saveAlertSettings } from "@/lib/alerts/settings";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { createSimulatorCa, startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { startPrusaLinkSimulator, type PrusaLinkSimulator } from "@/sim/prusalink";
import { CommandRunner } from "@/worker/command-runner";
import { registerPrinterCommands } from "./command-handlers";
import { PrinterSupervisor } from "./supervisor";
import { addBambuPrinter, addPrusaPrinter, fastConfig, fastTuning, waitFor } from "@/testing/worker/printers";
import { startFaultProxy, type FaultProxy } from "@/testing/worker/fault-proxy";

/**
 * 20 simulated printers (10 Bambu, 10 PrusaLink) print while each suffers a different
 * fault at the same time: connection resets, stalls, malformed payloads, floods, a new
 * certificate, 401/403/409/424/500/503, a slow board. Afterwards every printer is back
 * online without a restart, every print is exactly one job with the right outcome, and
 * no alert about the faults is left open.
 */

/** Long enough that the faults (and the longest stall) are over before the prints end. */
const BAMBU_PRINT_SECONDS = 10;
const PRUSA_PRINT_SECONDS = 8;

let cleanup: () => Promise<void>;
let supervisor: PrinterSupervisor;
let runner: CommandRunner;
let operator: Record<string, string>;
const bambus: { sim: BambuSimulator; id: string }[] = [];
const prusas: { sim: PrusaLinkSimulator; proxy: FaultProxy; id: string }[] = [];
let startedAt = 0;
let storageRoot = "";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function firstFile(files: Promise<string[]>, pattern: RegExp): Promise<string> {
  const file = (await files).find((f) => pattern.test(f));
  if (!file) throw new Error("no print file");
  return file;
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  operator = await browserHeaders(
    await createUser({ email: "op@example.com", name: "Op", password: "operator password", role: "operator" }, { actor: { type: "system" } }),
  );
  // No grace: the stalled printer is offline for well under a second before it reconnects.
  await saveAlertSettings({ offlineGraceSeconds: 0 });
  const ca = createSimulatorCa();
  storageRoot = await mkdtemp(path.join(tmpdir(), "fleet-faults-"));
  for (let i = 0; i < 10; i++) {
    // Sample files are generated once and copied: generating them per printer is slow.
    const storageDir = path.join(storageRoot, `bambu-${i}`);
    if (i > 0) await cp(path.join(storageRoot, "bambu-0"), storageDir, { recursive: true });
    const sim = await startBambuSimulator({
      storageDir,
      prefill: i === 0,
      serial: `03919A0000004${String(i).padStart(2, "0")}`,
      accessCode: `1000000${i}`,
      model: "A1",
      host: "127.0.0.1",
      mqttPort: 0,
      ftpPort: 0,
      cameraPort: 0,
      ca,
      printSeconds: BAMBU_PRINT_SECONDS,
      prepareSeconds: 0.2,
      timeScale: 20,
      reportIntervalMs: 250,
    });
    bambus.push({ sim, id: (await addBambuPrinter(sim, `Bambu ${i}`)).id });
  }
  for (let i = 0; i < 10; i++) {
    const sim = await startPrusaLinkSimulator({ model: "Core One", host: "127.0.0.1", port: 0, printSeconds: PRUSA_PRINT_SECONDS, nonceTtlMs: i === 9 ? 400 : 300_000 });
    const proxy = await startFaultProxy(sim.port);
    prusas.push({ sim, proxy, id: (await addPrusaPrinter({ ...sim, port: proxy.port }, `Prusa ${i}`)).id });
  }
  supervisor = new PrinterSupervisor({ config: fastConfig, tuning: fastTuning, haltedRetryMs: 1_500 });
  runner = new CommandRunner(50);
  registerPrinterCommands(runner, supervisor, fastTuning);
  await supervisor.start();
  runner.start();
  await waitFor(async () => (await db.printerStatus.count({ where: { online: true } })) === 20, "20 printers online");
}, 60_000);

afterAll(async () => {
  await runner.stop();
  await supervisor.stop();
  await Promise.all([...bambus.map((b) => b.sim.close()), ...prusas.flatMap((p) => [p.sim.close(), p.proxy.close()])]);
  await rm(storageRoot, { recursive: true, force: true });
  await cleanup();
});

describe("20 printers under faults at once", () => {
  it("keep printing, recover on their own, and end with correct jobs", async () => {
    startedAt = Date.now();
    await Promise.all([
      ...bambus.map(async ({ sim }) => sim.startPrint(await firstFile(sim.printFiles(), /\.gcode\.3mf$/))),
      ...prusas.map(async ({ sim }) => sim.startPrint(await firstFile(sim.printFiles(), /\.(bgcode|gcode|bgc|gco)$/i))),
    ]);
    await waitFor(async () => (await db.job.count({ where: { status: "printing" } })) === 20, "20 jobs printing");

    const b = bambus.map((x) => x.sim);
    const p = prusas;
    b[0].disconnectClients();
    b[1].stall(5_500);
    for (let i = 0; i < 100; i++) b[2].sendMalformed("invalid-json");
    for (let i = 0; i < 100; i++) b[3].sendMalformed("wrong-types");
    b[4].rotateCertificate();
    for (let i = 0; i < 300; i++) b[5].advance(0.001);
    b[7].stop();
    p[0].sim.setSlow({ errorRate: 0.6 });
    p[1].sim.setSlow({ dropRate: 0.5 });
    p[2].sim.stall(3_000);
    p[3].sim.setSlow({ latencyMs: 400 });
    p[4].proxy.fail(424, 2_000);
    p[5].proxy.fail(500, 2_000);
    p[6].proxy.fail(401, 1_000);
    p[7].proxy.fail(403, 1_000);
    const wrongState = await call(
      commandsRoute.POST,
      testRequest("POST", `/api/printers/${p[8].id}/commands?wait=1`, { body: { action: "resume" }, headers: operator }),
      { id: p[8].id },
    );
    expect(await wrongState.json()).toMatchObject({ status: "failed", error: "prusalink.jobWrongState" });
    for (let i = 0; i < 5; i++) {
      b[6].disconnectClients();
      await sleep(300);
    }
    await sleep(1_000);
    p[0].sim.setSlow(null);
    p[1].sim.setSlow(null);
    p[3].sim.setSlow(null);

    await waitFor(async () => (await db.printerStatus.count({ where: { online: true } })) === 20, "all 20 back online", 25_000);
    await waitFor(
      async () => (await db.job.count({ where: { status: { in: ["printing", "paused"] } } })) === 0,
      "every print ended",
      25_000,
    );

    const jobs = await db.job.findMany({ include: { printer: { select: { name: true } } } });
    expect(jobs).toHaveLength(20);
    const byPrinter = new Map(jobs.map((j) => [j.printerId, j]));
    expect(byPrinter.size).toBe(20);
    for (const { id } of [...bambus, ...prusas]) {
      const job = byPrinter.get(id);
      const expected = id === bambus[7].id ? "cancelled" : "finished";
      expect(`${job?.printer.name}: ${job?.status}`).toBe(`${job?.printer.name}: ${expected}`);
    }

    const stats = supervisor.stats();
    expect(stats.printers).toBe(20);
    expect(stats.invalidPayloads).toBeGreaterThanOrEqual(100);

    const flooded = await db.event.count({ where: { type: "printer.state", printerId: bambus[5].id } });
    const seconds = (Date.now() - startedAt) / 1000;
    expect(flooded).toBeLessThanOrEqual(Math.ceil((seconds * 1000) / fastConfig.eventMinIntervalMs) + 5);

    const stalled = await db.alert.findMany({ where: { printerId: bambus[1].id, type: "offline_while_printing" } });
    expect(stalled).toHaveLength(1);
    await waitFor(
      async () => (await db.alert.count({ where: { resolvedAt: null, type: { in: ["offline_while_printing", "connection_error"] } } })) === 0,
      "fault alerts resolved",
    );
  });
});
