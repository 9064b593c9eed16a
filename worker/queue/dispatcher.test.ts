import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { emptyState, PrinterFailure } from "@/lib/printers/types";
import { useTempDatabase } from "@/testing/db/temp-database";
import { addLocalFixture } from "@/testing/queue/queue";
import { FakeFileDriver, sha256 } from "@/testing/worker/files";
import { waitFor } from "@/testing/worker/printers";
import type { PrinterAccess } from "@/worker/files/printer-access";
import { CommandRefused } from "@/worker/printers/session";
import { QueueDispatcher } from "./dispatcher";

/**
 * The dispatcher's faults, with printers that refuse in every way a real one can
 * (upload refused, start refused, start unanswered) behind the worker's PrinterAccess;
 * the simulator tests cover the happy paths and the takeover.
 */

let cleanup: () => Promise<void>;
let root: string;
let fileId: string;
const printerIds: string[] = [];
const failedAlerts: string[] = [];
const starts: { printerId: string; path: string }[] = [];

type Behaviour = { upload: "ok" | "refuse"; start: "ok" | "refuse" | "unanswered" };
const behaviour = new Map<string, Behaviour>();

class ScriptedDriver extends FakeFileDriver {
  constructor(private readonly printerId: string) {
    super(new Map(), { range: "honour" });
  }

  override async upload(): Promise<void> {
    if (behaviour.get(this.printerId)?.upload === "refuse") throw new PrinterFailure("permanent", "protocol", "bambu.ftpRefused");
  }
}

const access: PrinterAccess = {
  driver: (id) => new ScriptedDriver(id),
  printerIds: async () => printerIds,
  canStart: () => true,
  kind: () => "bambu",
  startPrint: async (printerId, filePath) => {
    const mode = behaviour.get(printerId)?.start;
    if (mode === "refuse") throw new CommandRefused("command.printerBusy");
    if (mode === "unanswered") throw new PrinterFailure("temporary", "timeout", "bambu.failure.timeout");
    starts.push({ printerId, path: filePath });
  },
};

function dispatcher(startTimeoutMs = 60_000): QueueDispatcher {
  return new QueueDispatcher(access, {
    root,
    tickMs: 50,
    startTimeoutMs,
    hooks: { bedWaiting: async () => {}, itemFailed: async (id) => void failedAlerts.push(id) },
  });
}

async function queueOne(): Promise<string> {
  const item = await db.queueItem.create({ data: { batchId: "b", position: 1, fileId } });
  return item.id;
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  root = await mkdtemp(path.join(tmpdir(), "queue-faults-"));
  fileId = await addLocalFixture(root, "bambu.gcode.3mf");
  const live = { ...emptyState(), online: true, state: "idle" as const, filament: [{ id: "ext", type: "PLA", color: "#00AE42", remainingPercent: null, active: false }] };
  for (const name of ["Mini 1", "Mini 2"]) {
    const printer = await db.printer.create({ data: { name, kind: "bambu", host: "127.0.0.1", model: "A1 mini", serial: sha256(Buffer.from(name)).slice(0, 8), credentials: "{}", bedState: "clear" } });
    await db.printerStatus.create({ data: { printerId: printer.id, online: true, state: "idle", data: JSON.stringify(live) } });
    printerIds.push(printer.id);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await cleanup();
});

beforeEach(async () => {
  await db.queueItem.deleteMany();
  starts.length = 0;
  failedAlerts.length = 0;
});

describe("queue dispatch faults", () => {
  it("puts an item back when a printer refuses the upload, skips that printer, and starts it on the other", async () => {
    behaviour.set(printerIds[0], { upload: "refuse", start: "ok" });
    behaviour.set(printerIds[1], { upload: "ok", start: "ok" });
    const id = await queueOne();
    const worker = dispatcher();
    await worker.start();
    try {
      const sent = await waitFor(() => db.queueItem.findFirst({ where: { id, dispatchStage: "start_sent" } }), "dispatched to the second printer");
      expect(sent).toMatchObject({ assignedPrinterId: printerIds[1], failureCode: "upload_failed", skippedPrinterIds: JSON.stringify([printerIds[0]]) });
      expect(JSON.parse(sent.failureDetail ?? "{}")).toEqual({ printerId: printerIds[0], detail: "bambu.ftpRefused" });
      expect(starts).toEqual([{ printerId: printerIds[1], path: "/bambu.gcode.3mf" }]);
    } finally {
      await worker.stop();
    }
  });

  it("fails the item, with an alert, once every printer that fits refused it", async () => {
    behaviour.set(printerIds[0], { upload: "refuse", start: "ok" });
    behaviour.set(printerIds[1], { upload: "ok", start: "refuse" });
    const id = await queueOne();
    const worker = dispatcher();
    await worker.start();
    try {
      const failed = await waitFor(() => db.queueItem.findFirst({ where: { id, status: "failed" } }), "item failed");
      expect(new Set(JSON.parse(failed.skippedPrinterIds) as string[])).toEqual(new Set(printerIds));
      expect(["upload_failed", "start_failed"]).toContain(failed.failureCode);
      await waitFor(async () => failedAlerts.length > 0, "failure alert");
      expect(failedAlerts).toEqual([id]);
      expect(starts).toEqual([]);
    } finally {
      await worker.stop();
    }
  });

  it("waits for the printer's report after an unanswered start, and puts the item back only when the printer stays free", async () => {
    behaviour.set(printerIds[0], { upload: "ok", start: "unanswered" });
    behaviour.set(printerIds[1], { upload: "ok", start: "unanswered" });
    const id = await queueOne();
    const worker = dispatcher(600);
    await worker.start();
    try {
      const sent = await waitFor(() => db.queueItem.findFirst({ where: { id, dispatchStage: "start_sent" } }), "start sent");
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Not given up before the timeout: the start may yet show as a job.
      expect(await db.queueItem.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "dispatching", assignedPrinterId: sent.assignedPrinterId });
      const back = await waitFor(() => db.queueItem.findFirst({ where: { id, failureCode: "not_started" } }), "given up after the timeout");
      expect(JSON.parse(back.skippedPrinterIds)).toContain(sent.assignedPrinterId);
    } finally {
      await worker.stop();
    }
  });

  it("rolls back a dispatch a dead worker left before its start, without skipping the printer", async () => {
    behaviour.set(printerIds[0], { upload: "ok", start: "ok" });
    behaviour.set(printerIds[1], { upload: "ok", start: "ok" });
    const id = await queueOne();
    await db.queueItem.update({ where: { id }, data: { status: "dispatching", assignedPrinterId: printerIds[0], dispatchId: "dead", dispatchStage: "uploaded", dispatchedAt: new Date() } });
    const worker = dispatcher();
    await worker.start();
    try {
      await waitFor(() => db.queueItem.findFirst({ where: { id, dispatchStage: "start_sent" } }), "dispatched again");
      const item = await db.queueItem.findUniqueOrThrow({ where: { id } });
      expect(item.failureCode).toBe("dispatch_interrupted");
      expect(item.skippedPrinterIds).toBe("[]");
      expect(item.dispatchId).not.toBe("dead");
      expect(starts).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  });

  it("dispatches nothing while the whole queue is paused", async () => {
    behaviour.set(printerIds[0], { upload: "ok", start: "ok" });
    await db.setting.create({ data: { key: "queue.settings", value: JSON.stringify({ paused: true }) } });
    const id = await queueOne();
    const worker = dispatcher();
    await worker.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await db.queueItem.findUniqueOrThrow({ where: { id } })).status).toBe("queued");
      await db.setting.delete({ where: { key: "queue.settings" } });
      await waitFor(() => db.queueItem.findFirst({ where: { id, dispatchStage: "start_sent" } }), "dispatched after resuming");
    } finally {
      await worker.stop();
    }
  });
});
