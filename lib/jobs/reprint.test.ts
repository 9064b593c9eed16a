import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { reprintSource } from "./reprint";

let cleanup: () => Promise<void>;
let printerId: string;

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  printerId = (await db.printer.create({ data: { name: "A1 mini", kind: "bambu", host: "127.0.0.1", model: "A1 mini", credentials: "{}" } })).id;
});
afterAll(() => cleanup());

const job = (fileName: string | null, queueItemId: string | null = null) => ({ printerId, name: "Halter", fileName, queueItemId });

describe("reprintSource", () => {
  it("takes the queue item's file, plate and AMS mapping when the queue started the job", async () => {
    const local = await db.localFile.create({ data: { relativePath: "Halter.gcode.3mf", name: "Halter.gcode.3mf", size: 10, sha256: "x" } });
    const item = await db.queueItem.create({ data: { batchId: "b1", position: 1, status: "done", fileId: local.id, plate: 2, amsMapping: "[-1,2]" } });
    expect(await reprintSource(job("/cache/Halter.gcode.3mf", item.id))).toEqual({
      file: { id: local.id, name: "Halter.gcode.3mf", type: "gcode.3mf" },
      plate: 2,
      amsMapping: [-1, 2],
    });
  });

  it("finds the file the printer named in its listing, and a gone file by its newest local copy", async () => {
    const seenAt = new Date();
    const onPrinter = await db.printerFile.create({ data: { printerId, path: "/cache/Deckel.gcode.3mf", name: "Deckel.gcode.3mf", seenAt } });
    expect(await reprintSource(job("/cache/Deckel.gcode.3mf"))).toEqual({ file: { id: onPrinter.id, name: "Deckel.gcode.3mf", type: "gcode.3mf" }, plate: null, amsMapping: null });
    const gone = await db.printerFile.create({ data: { printerId, path: "/cache/Alt.gcode.3mf", name: "Alt.gcode.3mf", seenAt, goneAt: seenAt } });
    expect(await reprintSource(job("/cache/Alt.gcode.3mf"))).toBeNull();
    const copy = await db.localFile.create({ data: { relativePath: "A1/Alt.gcode.3mf", name: "Alt.gcode.3mf", size: 10, sha256: "y", printerFileId: gone.id } });
    expect((await reprintSource(job("/cache/Alt.gcode.3mf")))?.file.id).toBe(copy.id);
  });

  it("is null without a file name or for a file nobody has", async () => {
    expect(await reprintSource(job(null))).toBeNull();
    expect(await reprintSource(job("/cache/Unbekannt.gcode.3mf"))).toBeNull();
  });
});
