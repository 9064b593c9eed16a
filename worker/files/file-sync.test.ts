import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { waitFor } from "@/testing/worker/printers";
import { FileSync } from "./file-sync";
import type { PrinterAccess } from "./printer-access";
import { FakeFileDriver } from "@/testing/worker/files";

let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
});
afterAll(async () => {
  await cleanup();
});

function accessFor(driver: FakeFileDriver, printerId: string): PrinterAccess {
  return {
    driver: (id) => (id === printerId ? driver : undefined),
    printerIds: async () => [printerId],
    canStart: () => true,
    kind: () => "prusalink",
    startPrint: async () => undefined,
  };
}

describe("FileSync", () => {
  it("lists on its interval, then again right after a print on that printer ends", async () => {
    const files = new Map([["/usb/A.GCO", Buffer.from("G1\n")]]);
    const driver = new FakeFileDriver(files, { range: "honour" });
    let listings = 0;
    const list = driver.listFiles.bind(driver);
    driver.listFiles = () => {
      listings += 1;
      return list();
    };
    await db.printer.create({ data: { id: "p1", name: "MK4", kind: "prusalink", host: "127.0.0.1", model: "MK4", credentials: "{}" } });
    const sync = new FileSync(accessFor(driver, "p1"), { syncMs: 3_600_000, tickMs: 30 });
    sync.start();
    try {
      // The files.synced event is appended once a listing is stored, not when it is read.
      const synced = () => db.event.count({ where: { type: "files.synced", printerId: "p1" } });
      await waitFor(async () => (await synced()) === 1, "first listing stored");
      expect(await db.printerFile.count({ where: { printerId: "p1" } })).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(listings).toBe(1);
      files.set("/usb/B.GCO", Buffer.from("G1\n"));
      await db.job.create({ data: { printerId: "p1", name: "A", status: "finished", startedAt: new Date(Date.now() - 60_000), endedAt: new Date() } });
      await waitFor(async () => (await synced()) === 2, "listing after the print ended stored");
      expect(listings).toBe(2);
      expect(await db.printerFile.count({ where: { printerId: "p1" } })).toBe(2);
    } finally {
      await sync.stop();
    }
  });
});
