import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { queueIfIdle } from "@/lib/files/queue";
import type { DownloadTarget, PrinterDriver } from "@/lib/printers/types";
import { waitFor } from "@/testing/worker/printers";
import { DownloadQueue } from "./download-queue";
import type { PrinterAccess } from "./printer-access";
import { applyListing } from "./sync-listing";
import { FakeFileDriver, sha256 } from "@/testing/worker/files";

let cleanup: () => Promise<void>;
let root: string;

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  root = await mkdtemp(path.join(tmpdir(), "queue-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await cleanup();
});

describe("DownloadQueue", () => {
  it("runs at most the total and one per printer, takes turns, and stores every file intact", async () => {
    const printers = ["pa", "pb", "pc"];
    const content = new Map<string, Buffer>();
    const running = new Map<string, number>();
    let peakTotal = 0;
    let peakPerPrinter = 0;
    /** Printers in the order their downloads began streaming (timestamps in the table can tie). */
    const starts: string[] = [];
    const drivers = new Map<string, PrinterDriver>();
    for (const id of printers) {
      await db.printer.create({ data: { id, name: `Drucker ${id}`, kind: "prusalink", host: "127.0.0.1", model: "MK4", credentials: "{}" } });
      const files = new Map<string, Buffer>();
      for (let i = 0; i < 3; i++) {
        const data = randomBytes(300_000);
        files.set(`/usb/F${i}.GCO`, data);
        content.set(`${id}:/usb/F${i}.GCO`, data);
      }
      const fake = new FakeFileDriver(files, { range: "honour", chunkDelayMs: 5 });
      const download = fake.download.bind(fake);
      fake.download = async (remote: string, target: DownloadTarget) => {
        starts.push(id);
        running.set(id, (running.get(id) ?? 0) + 1);
        peakPerPrinter = Math.max(peakPerPrinter, running.get(id) ?? 0);
        peakTotal = Math.max(peakTotal, [...running.values()].reduce((a, b) => a + b, 0));
        try {
          return await download(remote, target);
        } finally {
          running.set(id, (running.get(id) ?? 1) - 1);
        }
      };
      drivers.set(id, fake);
      await applyListing(id, await fake.listFiles());
    }
    const access: PrinterAccess = {
      driver: (id) => drivers.get(id),
      printerIds: async () => printers,
      canStart: () => true,
      kind: () => "prusalink",
      startPrint: async () => undefined,
    };
    // Printer "pa" queues everything first; fairness must still interleave the others.
    const rows = await db.printerFile.findMany({ orderBy: [{ printerId: "asc" }, { path: "asc" }] });
    for (const row of rows) await queueIfIdle(row.id, row.printerId, null);
    const queue = new DownloadQueue(access, { root, maxDownloads: 2, perPrinter: 1, pollMs: 20 });
    await queue.start();
    try {
      await waitFor(async () => (await db.download.count({ where: { status: "done" } })) === 9, "all downloads done", 20_000);
    } finally {
      await queue.stop();
    }
    expect(peakPerPrinter).toBe(1);
    expect(peakTotal).toBe(2);
    // Oldest-first would start "pc" only after all of "pa" and "pb" (7th). Turns start it
    // 3rd; a download's few awaits before it streams can swap neighbours under load, so
    // "every printer among the first four" tells the two apart without timing luck.
    expect(new Set(starts.slice(0, 4)).size).toBe(3);
    const locals = await db.localFile.findMany({ include: { printerFile: true } });
    expect(locals).toHaveLength(9);
    for (const local of locals) {
      expect(local.sha256).toBe(sha256(content.get(`${local.printerFile?.printerId}:${local.printerFile?.path}`) ?? Buffer.alloc(0)));
      expect(local.relativePath.startsWith(`Drucker ${local.printerFile?.printerId}/`)).toBe(true);
    }
  });
});
