import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { browserHeaders } from "@/testing/api/requests";
import { useTempDatabase } from "@/testing/db/temp-database";
import { addLocalFixture, clearBed, enqueue, readQueue } from "@/testing/queue/queue";
import { addBambuPrinter, fastConfig, fastTuning, waitFor } from "@/testing/worker/printers";
import { supervisorAccess } from "@/worker/files";
import { PrinterSupervisor } from "@/worker/printers/supervisor";
import { queueService } from ".";
import type { QueueDispatcher } from "./dispatcher";

/**
 * The queue's dispatch against real Bambu simulators (MQTT over TLS, FTPS upload): two
 * A1 minis whose prints just ended take two copies of a file sliced for the A1 mini,
 * one each, and only after an operator confirmed each bed; an X1C sits beside them and
 * gets nothing; a file sliced for the X1C never goes to an A1 mini.
 */

let cleanup: () => Promise<void>;
let root: string;
let supervisor: PrinterSupervisor;
let dispatcher: QueueDispatcher;
let operator: Record<string, string>;
const sims: BambuSimulator[] = [];
const ids: Record<"mini1" | "mini2" | "x1c", string> = { mini1: "", mini2: "", x1c: "" };

function simulator(serial: string, model: "A1 mini" | "X1C") {
  return startBambuSimulator({ serial, accessCode: "40213377", model, host: "127.0.0.1", printSeconds: 600, prepareSeconds: 0.2, timeScale: 20, reportIntervalMs: 150 });
}

const jobsOn = (printerId: string) => db.job.count({ where: { printerId } });

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  root = await mkdtemp(path.join(tmpdir(), "queue-files-"));
  const user = await createUser({ email: "op@example.com", name: "Operator", password: "operator password", role: "operator" }, { actor: { type: "system" } });
  operator = await browserHeaders(user);
  sims.push(await simulator("0300AA000000001", "A1 mini"), await simulator("0300AA000000002", "A1 mini"), await simulator("00M00A000000003", "X1C"));
  // The minis print something of their own, started at the printer: the worker first sees them busy.
  for (const sim of sims.slice(0, 2)) {
    const file = (await sim.printFiles()).find((f) => f.endsWith(".gcode.3mf"));
    if (!file) throw new Error("the simulator has no print file");
    await sim.startPrint(file);
  }
  ids.mini1 = (await addBambuPrinter(sims[0], "Mini 1")).id;
  ids.mini2 = (await addBambuPrinter(sims[1], "Mini 2")).id;
  ids.x1c = (await addBambuPrinter(sims[2], "X1C")).id;
  supervisor = new PrinterSupervisor({ config: fastConfig, tuning: fastTuning });
  await supervisor.start();
  dispatcher = queueService(supervisorAccess(supervisor), { root, tickMs: 100 });
  await dispatcher.start();
});

afterAll(async () => {
  await dispatcher.stop();
  await supervisor.stop();
  for (const sim of sims) await sim.close();
  await rm(root, { recursive: true, force: true });
  await cleanup();
});

describe("queue dispatch to Bambu printers", () => {
  it("marks the beds of printers whose print just ended, and asks once for a printer first seen idle", async () => {
    await waitFor(() => db.job.count({ where: { status: "printing" } }).then((n) => n === 2), "both minis printing");
    for (const sim of sims.slice(0, 2)) sim.advance(3600);
    for (const id of [ids.mini1, ids.mini2]) {
      const bed = await waitFor(() => db.printer.findFirst({ where: { id, bedState: "needs_clearing" } }), "bed needs clearing");
      expect(bed.bedStateReason).toBe("finished");
    }
    const x1c = await waitFor(() => db.printer.findFirst({ where: { id: ids.x1c, bedState: "needs_clearing" } }), "X1C asks once");
    expect(x1c.bedStateReason).toBe("first_seen");
  });

  it("starts nothing before a bed is confirmed, then each A1 mini gets exactly one copy", async () => {
    const fileId = await addLocalFixture(root, "bambu.gcode.3mf", "queue-a1mini.gcode.3mf");
    const before = { mini1: await jobsOn(ids.mini1), mini2: await jobsOn(ids.mini2), x1c: await jobsOn(ids.x1c) };
    const created = await enqueue(operator, { fileId, copies: 2, customer: "Kunde A", orderReference: "A-17", businessUse: true });
    expect(created.status).toBe(201);
    expect(created.items).toHaveLength(2);
    expect(new Set(created.items.map((i) => i.batchId)).size).toBe(1);
    const itemIds = created.items.map((i) => i.id);

    await waitFor(() => db.queueItem.count({ where: { id: { in: itemIds }, status: "waiting_for_bed" } }).then((n) => n === 2), "items wait for a bed");
    await waitFor(() => db.alert.findFirst({ where: { type: "bed_waiting", subjectId: ids.mini1, resolvedAt: null } }), "bed_waiting alert");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await db.queueItem.count({ where: { id: { in: itemIds }, status: { in: ["dispatching", "printing"] } } })).toBe(0);
    expect(await jobsOn(ids.mini1)).toBe(before.mini1);
    expect(await jobsOn(ids.mini2)).toBe(before.mini2);
    const waiting = await readQueue(operator);
    expect(waiting.items.filter((i) => itemIds.includes(i.id)).map((i) => i.fit?.reasons.filter((r) => r.printerId === ids.x1c).map((r) => r.code))).toEqual([
      ["model_mismatch"],
      ["model_mismatch"],
    ]);

    expect(await clearBed(operator, ids.mini1)).toBe(200);
    const first = await waitFor(() => db.queueItem.findFirst({ where: { id: { in: itemIds }, status: "printing" } }), "first copy printing", 60_000);
    expect(first.assignedPrinterId).toBe(ids.mini1);
    expect(await db.alert.count({ where: { type: "bed_waiting", subjectId: ids.mini1, resolvedAt: null } })).toBe(0);
    expect(await db.queueItem.count({ where: { id: { in: itemIds }, status: { in: ["dispatching", "printing"] } } })).toBe(1);

    expect(await clearBed(operator, ids.mini2)).toBe(200);
    await waitFor(() => db.queueItem.count({ where: { id: { in: itemIds }, status: "printing" } }).then((n) => n === 2), "both copies printing", 60_000);
    const items = await db.queueItem.findMany({ where: { id: { in: itemIds } } });
    expect(new Set(items.map((i) => i.assignedPrinterId))).toEqual(new Set([ids.mini1, ids.mini2]));
    for (const item of items) {
      const job = await db.job.findUniqueOrThrow({ where: { id: item.jobId ?? "" } });
      expect(job).toMatchObject({ printerId: item.assignedPrinterId, queueItemId: item.id, customer: "Kunde A", orderReference: "A-17", businessUse: true });
    }
    expect(await jobsOn(ids.mini1)).toBe(before.mini1 + 1);
    expect(await jobsOn(ids.mini2)).toBe(before.mini2 + 1);
    expect(await jobsOn(ids.x1c)).toBe(before.x1c);
    for (const sim of sims.slice(0, 2)) expect(sim.state().fileName).toContain("queue-a1mini.gcode.3mf");

    for (const sim of sims.slice(0, 2)) sim.advance(3600);
    await waitFor(() => db.queueItem.count({ where: { id: { in: itemIds }, status: "done" } }).then((n) => n === 2), "both copies done", 60_000);
    for (const id of [ids.mini1, ids.mini2]) expect((await db.printer.findUniqueOrThrow({ where: { id } })).bedState).toBe("needs_clearing");
  });

  it("never sends a file sliced for the X1C to an A1 mini, even with their beds clear", async () => {
    const fileId = await addLocalFixture(root, "bambu-2-plates.gcode.3mf", "queue-x1c.gcode.3mf");
    const created = await enqueue(operator, { fileId, plate: 2, model: "A1 mini" });
    expect(created.status).toBe(201);
    const [item] = created.items;
    expect(item.fit?.ok).toBe(false);
    expect(item.fit?.reasons.map((r) => [r.printerId, r.code])).toEqual([
      [ids.mini1, "model_mismatch"],
      [ids.mini2, "model_mismatch"],
    ]);
    const jobs = { mini1: await jobsOn(ids.mini1), mini2: await jobsOn(ids.mini2) };
    await clearBed(operator, ids.mini1);
    await clearBed(operator, ids.mini2);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await db.queueItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("queued");
    expect(await jobsOn(ids.mini1)).toBe(jobs.mini1);
    expect(await jobsOn(ids.mini2)).toBe(jobs.mini2);
  });
});
