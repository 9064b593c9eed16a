import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { endQueueItemOfJob, linkStartedJob } from "./lifecycle";

/** The job tracker's side of the queue: which reported job belongs to which sent start, and how an item ends with its job. */

let cleanup: () => Promise<void>;
let printerId: string;

async function sentItem(path: string, extra: { customer?: string } = {}) {
  return db.queueItem.create({
    data: { batchId: "b", position: 1, fileId: "f", status: "dispatching", assignedPrinterId: printerId, dispatchStage: "start_sent", dispatchPath: path, dispatchedAt: new Date(), orderReference: "O-1", businessUse: false, ...extra },
  });
}

const job = (fileName: string | null, name = "x") => db.job.create({ data: { printerId, name, fileName, status: "printing", startedAt: new Date() } });

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  printerId = (await db.printer.create({ data: { name: "P", kind: "bambu", host: "127.0.0.1", model: "A1 mini", credentials: "{}" } })).id;
});
afterAll(() => cleanup());
beforeEach(async () => {
  await db.queueItem.deleteMany();
  await db.job.deleteMany();
});

describe("queue lifecycle", () => {
  it("links the job of the sent file, carrying customer, order and business use over", async () => {
    const other = await sentItem("/other.gcode.3mf");
    const item = await sentItem("/cube.gcode.3mf", { customer: "Kunde" });
    const started = await job("/cube.gcode.3mf", "cube");
    expect(await linkStartedJob(printerId, started, started.startedAt)).toBe(item.id);
    expect(await db.job.findUniqueOrThrow({ where: { id: started.id } })).toMatchObject({ queueItemId: item.id, customer: "Kunde", orderReference: "O-1", businessUse: false });
    expect(await db.queueItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "printing", jobId: started.id });
    expect((await db.queueItem.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("dispatching");
  });

  it("does not take a print started at the printer for a waiting start of another file", async () => {
    const item = await sentItem("/cube.gcode.3mf");
    const foreign = await job("/benchy.gcode.3mf", "benchy");
    expect(await linkStartedJob(printerId, foreign, foreign.startedAt)).toBeNull();
    expect((await db.queueItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("dispatching");
  });

  it("takes the one waiting start when the printer reports a DOS short name", async () => {
    const item = await sentItem("/usb/queue-box.bgcode");
    const started = await job("/usb/QUEUE-~1.BGC", "QUEUE-~1.BGC");
    expect(await linkStartedJob(printerId, started, started.startedAt)).toBe(item.id);
  });

  it("ends the item done with a finished job, failed with a failed or cancelled one", async () => {
    for (const [status, expected] of [["finished", { status: "done", failureCode: null }], ["failed", { status: "failed", failureCode: "print_failed" }], ["cancelled", { status: "failed", failureCode: "print_cancelled" }]] as const) {
      const item = await sentItem(`/${status}.gcode.3mf`);
      const started = await job(`/${status}.gcode.3mf`);
      await linkStartedJob(printerId, started, started.startedAt);
      expect(await endQueueItemOfJob(started.id, status, printerId)).toEqual({ id: item.id, failed: status !== "finished" });
      expect(await db.queueItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject(expected);
    }
    const unlinked = await job("/manual.gcode.3mf");
    expect(await endQueueItemOfJob(unlinked.id, "finished", printerId)).toBeNull();
  });
});
