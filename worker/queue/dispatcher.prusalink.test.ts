import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { startPrusaLinkSimulator, type PrusaLinkSimulator } from "@/sim/prusalink";
import { browserHeaders } from "@/testing/api/requests";
import { useTempDatabase } from "@/testing/db/temp-database";
import { addLocalFixture, clearBed, enqueue } from "@/testing/queue/queue";
import { addBambuPrinter, addPrusaPrinter, fastConfig, fastTuning, waitFor } from "@/testing/worker/printers";
import { supervisorAccess } from "@/worker/files";
import { PrinterSupervisor } from "@/worker/printers/supervisor";
import { queueService } from ".";
import type { QueueDispatcher } from "./dispatcher";

/**
 * The queue's dispatch against a real PrusaLink simulator (HTTP upload, start) beside a
 * Bambu A1 mini: a file PrusaSlicer sliced for the MK4 goes to the MK4 only, uploaded
 * over PrusaLink, and the job the printer reports is linked to the item.
 */

let cleanup: () => Promise<void>;
let root: string;
let supervisor: PrinterSupervisor;
let dispatcher: QueueDispatcher;
let operator: Record<string, string>;
let prusa: PrusaLinkSimulator;
let bambu: BambuSimulator;
let prusaId: string;
let bambuId: string;

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  root = await mkdtemp(path.join(tmpdir(), "queue-files-"));
  const user = await createUser({ email: "op@example.com", name: "Operator", password: "operator password", role: "operator" }, { actor: { type: "system" } });
  operator = await browserHeaders(user);
  prusa = await startPrusaLinkSimulator({ model: "MK4", host: "127.0.0.1", port: 0, printSeconds: 600 });
  bambu = await startBambuSimulator({ serial: "0300AA000000009", accessCode: "40213377", model: "A1 mini", host: "127.0.0.1", reportIntervalMs: 150 });
  prusaId = (await addPrusaPrinter(prusa, "MK4")).id;
  bambuId = (await addBambuPrinter(bambu, "Mini")).id;
  supervisor = new PrinterSupervisor({ config: fastConfig, tuning: fastTuning });
  await supervisor.start();
  dispatcher = queueService(supervisorAccess(supervisor), { root, tickMs: 100 });
  await dispatcher.start();
});

afterAll(async () => {
  await dispatcher.stop();
  await supervisor.stop();
  await prusa.close();
  await bambu.close();
  await rm(root, { recursive: true, force: true });
  await cleanup();
});

describe("queue dispatch to a PrusaLink printer", () => {
  it("sends a Prusa-sliced file to the Prusa only, after its bed is confirmed, and links the job", async () => {
    for (const id of [prusaId, bambuId]) {
      const printer = await waitFor(() => db.printer.findFirst({ where: { id, bedState: "needs_clearing" } }), "printer first seen idle asks once");
      expect(printer.bedStateReason).toBe("first_seen");
    }
    const fileId = await addLocalFixture(root, "Shape-Box_0.4n_0.2mm_PLA_MK4ISMMU3_20m.bgcode", "queue-box.bgcode");
    const created = await enqueue(operator, { fileId, orderReference: "P-3", businessUse: false });
    expect(created.status).toBe(201);
    const [item] = created.items;
    expect(item.fit?.ok).toBe(true);
    expect(item.fit?.reasons.map((r) => [r.printerId, r.code])).toEqual([[bambuId, "type_unsupported"]]);

    expect(await clearBed(operator, bambuId)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await db.queueItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("waiting_for_bed");
    expect(await db.job.count()).toBe(0);

    expect(await clearBed(operator, prusaId)).toBe(200);
    const printing = await waitFor(() => db.queueItem.findFirst({ where: { id: item.id, status: "printing" } }), "item printing", 60_000);
    expect(printing.assignedPrinterId).toBe(prusaId);
    expect(printing.dispatchPath).toBe("/usb/queue-box.bgcode");
    const job = await db.job.findUniqueOrThrow({ where: { id: printing.jobId ?? "" } });
    expect(job).toMatchObject({ printerId: prusaId, queueItemId: item.id, orderReference: "P-3", businessUse: false });
    expect(await db.job.count({ where: { printerId: bambuId } })).toBe(0);
  });
});
