import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { rotateKeysCommand } from "@/lib/printers/cli-commands";
import { deletePrinter, updatePrinter } from "@/lib/printers/repository";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { PrinterSupervisor } from "./supervisor";
import { addBambuPrinter, fastConfig, fastTuning, waitFor } from "@/testing/worker/printers";

/**
 * The supervisor follows the Printer table: printers added, edited, disabled and
 * removed take effect within a reconcile interval, with never two connections to one
 * printer at a time.
 */

let cleanup: () => Promise<void>;
let sim: BambuSimulator;
let supervisor: PrinterSupervisor;
let printerId: string;
let maxClients = 0;
let sampler: ReturnType<typeof setInterval>;
const ctx = { actor: systemActor };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

function status() {
  return db.printerStatus.findUnique({ where: { printerId } });
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  sim = await startBambuSimulator({
    serial: "03919A000000303",
    accessCode: "31415926",
    model: "A1",
    host: "127.0.0.1",
    mqttPort: 0,
    ftpPort: 0,
    cameraPort: 0,
    reportIntervalMs: 200,
  });
  sampler = setInterval(() => {
    maxClients = Math.max(maxClients, sim.state().mqttClients);
  }, 10);
  supervisor = new PrinterSupervisor({ config: fastConfig, tuning: fastTuning, haltedRetryMs: 60_000 });
  await supervisor.start();
});

afterAll(async () => {
  clearInterval(sampler);
  await supervisor.stop();
  await sim.close();
  await cleanup();
});

describe("PrinterSupervisor", () => {
  it("starts a driver for a printer added while it runs", async () => {
    expect(supervisor.stats().printers).toBe(0);
    printerId = (await addBambuPrinter(sim, "A1")).id;
    await waitFor(async () => (await status())?.online, "printer online");
    expect(supervisor.stats().printers).toBe(1);
    expect(await db.auditLog.count({ where: { action: "credential.read", target: printerId } })).toBe(1);
  });

  it("renames without reconnecting", async () => {
    const session = supervisor.session(printerId);
    await updatePrinter(printerId, { name: "A1 Werkstatt" }, ctx);
    await supervisor.reconcileNow();
    expect(supervisor.session(printerId)).toBe(session);
    expect(session?.printer.name).toBe("A1 Werkstatt");
  });

  it("reconnects with new connection settings", async () => {
    // A new port is a new place to send the access code to: it must be typed again.
    await updatePrinter(printerId, { mqttPort: await freePort(), accessCode: sim.accessCode }, ctx);
    await waitFor(async () => {
      const row = await status();
      return row && !row.online && row.lastError === "bambu.failure.tcp";
    }, "offline with a TCP failure");
    await updatePrinter(printerId, { mqttPort: sim.mqttPort, accessCode: sim.accessCode }, ctx);
    await waitFor(async () => (await status())?.online, "online again");
  });

  it("keeps the connection when keys:rotate only re-encrypted the credentials", async () => {
    const session = supervisor.session(printerId);
    const before = await db.printer.findUniqueOrThrow({ where: { id: printerId } });
    expect(await rotateKeysCommand()).toMatchObject({ printers: 1 });
    const after = await db.printer.findUniqueOrThrow({ where: { id: printerId } });
    expect(after.credentials).not.toBe(before.credentials);
    await supervisor.reconcileNow();
    await supervisor.reconcileNow();
    expect(supervisor.session(printerId)).toBe(session);
    expect(await db.auditLog.count({ where: { action: "keys.rotated" } })).toBe(1);
  });

  it("raises connection_error for a wrong access code and recovers when it is corrected", async () => {
    await updatePrinter(printerId, { accessCode: "00000000" }, ctx);
    await waitFor(() => db.alert.findFirst({ where: { printerId, type: "connection_error", resolvedAt: null } }), "connection_error alert");
    expect((await status())?.lastError).toBe("bambu.failure.auth");
    await updatePrinter(printerId, { accessCode: sim.accessCode }, ctx);
    await waitFor(async () => (await status())?.online, "online after the fix");
    await waitFor(
      async () => (await db.alert.count({ where: { printerId, type: "connection_error", resolvedAt: null } })) === 0,
      "connection_error resolved",
    );
  });

  it("stops the driver of a disabled printer, marks it offline and resolves its alerts", async () => {
    sim.setDeveloperMode(false);
    const alert = await waitFor(() => db.alert.findFirst({ where: { printerId, type: "developer_mode", resolvedAt: null } }), "alert");
    await updatePrinter(printerId, { enabled: false }, ctx);
    await waitFor(async () => (await status())?.online === false, "offline after disable");
    await waitFor(() => sim.state().mqttClients === 0, "no MQTT client left");
    expect(supervisor.stats().printers).toBe(0);
    // Resolved after the final offline status is written, so it can land a moment after the status does.
    await waitFor(async () => (await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).resolvedAt, "alert resolved");
    sim.setDeveloperMode(true);
    await updatePrinter(printerId, { enabled: true }, ctx);
    await waitFor(async () => (await status())?.online, "online after enable");
  });

  it("stops the driver of a removed printer", async () => {
    await deletePrinter(printerId, ctx);
    await waitFor(() => supervisor.stats().printers === 0, "session gone");
    await waitFor(() => sim.state().mqttClients === 0, "no MQTT client left");
  });

  it("never held two connections to the printer", () => {
    expect(maxClients).toBe(1);
  });
});
