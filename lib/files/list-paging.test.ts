import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { listFiles } from "./list";
import { fileListQuerySchema, fileSorts, type FileStatus, type FileView } from "./schemas";

/**
 * GET /api/files pages in the database (issue 18: it used to load every printer file for
 * each page). With several hundred files of every kind (current and outdated local
 * copies, running and failed downloads, files gone from the printer, a removed printer's
 * files, uploads), walking all pages of every sort and filter gives each expected file
 * exactly once, in order, each page holding only what the filter asks for.
 */

let cleanup: () => Promise<void>;
const expected = new Map<string, FileStatus>();
const PRINTER_FILES = 400;
const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + (n % 28), 6 + (n % 12), n % 60));
const extensions = ["gcode", "bgcode", "gcode.3mf", "3mf"];

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  const make = (name: string, extra: { enabled?: boolean; deletedAt?: Date } = {}) =>
    db.printer.create({ data: { name, kind: "prusalink", host: "127.0.0.1", model: "MK4", credentials: "{}", ...extra } });
  const printers = [await make("MK4 Halle"), await make("core one lager", { enabled: false })];
  const removed = await make("Alter Drucker", { deletedAt: new Date("2026-11-01T00:00:00Z") });
  const seenAt = new Date("2026-11-30T00:00:00Z");

  for (let i = 0; i < PRINTER_FILES; i++) {
    const name = `${i % 3 === 0 ? "TEIL" : "teil"}-${String(i).padStart(3, "0")}.${extensions[i % 4]}`;
    const size = i % 7 === 0 ? null : 1000 + ((i * 37) % 500);
    const modifiedAt = i % 11 === 0 ? null : day(i);
    const gone = i % 13 === 0;
    const pf = await db.printerFile.create({
      data: { printerId: printers[i % 2]!.id, path: `/usb/${name}`, name, size, modifiedAt, seenAt, goneAt: gone ? seenAt : null },
    });
    const local = (suffix: string, sourceSize: number | null) =>
      db.localFile.create({
        data: { relativePath: `p/${i}-${suffix}`, name, size: 1, sha256: "0".repeat(64), printerFileId: pf.id, sourceSize, sourceModifiedAt: modifiedAt, createdAt: day(i + 1) },
      });
    let status: FileStatus = "available";
    if (i % 5 === 0) {
      const copy = await local("current", size);
      status = "downloaded";
      if (gone) expected.set(copy.id, "local");
    } else if (i % 5 === 1) {
      expected.set((await local("old", (size ?? 0) + 1)).id, "local");
    } else if (i % 5 === 2) {
      await db.download.create({ data: { printerFileId: pf.id, printerId: pf.printerId, status: "queued" } });
      status = "downloading";
    } else if (i % 5 === 3) {
      const startedAt = new Date("2026-12-01T00:00:00Z");
      await db.download.create({ data: { printerFileId: pf.id, printerId: pf.printerId, status: "failed", error: "size_mismatch", total: size, queuedAt: startedAt, startedAt } });
      status = "failed";
    }
    if (!gone) expected.set(pf.id, status);
  }
  for (let i = 0; i < 20; i++) {
    const pf = await db.printerFile.create({ data: { printerId: removed.id, path: `/usb/alt-${i}.gcode`, name: `alt-${i}.gcode`, size: 5, modifiedAt: day(i), seenAt } });
    const copy = await db.localFile.create({ data: { relativePath: `alt/${i}`, name: `alt-${i}.gcode`, size: 5, sha256: "1".repeat(64), printerFileId: pf.id, sourceSize: 5, sourceModifiedAt: day(i) } });
    expected.set(copy.id, "local");
  }
  for (let i = 0; i < 100; i++) {
    const upload = await db.localFile.create({
      data: { relativePath: `uploads/${i}`, name: `Upload ${i % 2 ? "Ä" : "a"}_${i}%.gcode.3mf`, size: 10 + i, sha256: "2".repeat(64), createdAt: day(i) },
    });
    expected.set(upload.id, "local");
  }
}, 120_000);
afterAll(() => cleanup());

async function allPages(query: Record<string, string>, pageSize: number): Promise<{ files: FileView[]; totals: number[] }> {
  const files: FileView[] = [];
  const totals: number[] = [];
  for (let page = 1; ; page++) {
    const result = await listFiles(fileListQuerySchema.parse({ ...query, page: String(page), pageSize: String(pageSize) }));
    totals.push(result.total);
    expect(result.files.length).toBeLessThanOrEqual(pageSize);
    files.push(...result.files);
    if (result.files.length < pageSize) break;
  }
  return { files, totals };
}

/** Text as the list orders it: ASCII case folded, bytes otherwise. */
const key = (text: string) => Buffer.from(text.replace(/[A-Z]/g, (c) => c.toLowerCase()));
const compareText = (a: string, b: string) => Buffer.compare(key(a), key(b));

function inOrder(sort: (typeof fileSorts)[number], a: FileView, b: FileView): boolean {
  const desc = sort.startsWith("-");
  const field = desc ? sort.slice(1) : sort;
  const flip = (n: number) => (desc ? -n : n);
  let order: number;
  if (field === "size") {
    if ((a.size === null) !== (b.size === null)) return a.size !== null;
    order = flip((a.size ?? 0) - (b.size ?? 0));
  } else if (field === "modifiedAt") {
    order = flip((a.modifiedAt ? Date.parse(a.modifiedAt) : -Infinity) - (b.modifiedAt ? Date.parse(b.modifiedAt) : -Infinity) || 0);
  } else if (field === "printer") {
    order = a.printerName === b.printerName ? 0 : a.printerName === null ? flip(-1) : b.printerName === null ? flip(1) : flip(compareText(a.printerName, b.printerName));
  } else {
    order = flip(compareText(a.name, b.name));
  }
  return order < 0 || (order === 0 && (field === "name" || compareText(a.name, b.name) <= 0));
}

describe("GET /api/files paged by the database", () => {
  it.each(fileSorts.map((sort) => [sort]))("sort %s: every file exactly once, in order, with the status it has", async (sort) => {
    const { files, totals } = await allPages({ sort }, 37);
    expect(new Set(totals)).toEqual(new Set([expected.size]));
    expect(files.length).toBe(expected.size);
    expect(new Set(files.map((f) => f.id)).size).toBe(files.length);
    expect(new Map(files.map((f) => [f.id, f.status]))).toEqual(expected);
    const outOfOrder = files.slice(1).filter((file, i) => !inOrder(sort, files[i]!, file));
    expect(outOfOrder.map((f) => f.name)).toEqual([]);
  });

  it.each([
    [{ status: "downloaded" }, (f: FileView) => f.status === "downloaded"],
    [{ status: "failed" }, (f: FileView) => f.status === "failed"],
    [{ status: "local" }, (f: FileView) => f.status === "local"],
    [{ type: "3mf" }, (f: FileView) => f.type === "3mf"],
    [{ type: "gcode.3mf", status: "local" }, (f: FileView) => f.type === "gcode.3mf" && f.status === "local"],
    [{ q: "teil-01" }, (f: FileView) => f.name.toLowerCase().includes("teil-01")],
    [{ q: "_1%" }, (f: FileView) => f.name.includes("_1%")],
    [{ from: "2026-11-10", to: "2026-11-12" }, (f: FileView) => f.modifiedAt !== null && f.modifiedAt >= "2026-11-09T23:00:00.000Z" && f.modifiedAt < "2026-11-12T23:00:00.000Z"],
  ] as const)("filter %o: pages hold exactly the matching files", async (filter, matches) => {
    const everything = (await allPages({ sort: "name" }, 200)).files;
    const wanted = everything.filter(matches).map((f) => f.id);
    expect(wanted.length).toBeGreaterThan(0);
    const { files, totals } = await allPages({ sort: "-size", ...filter }, 23);
    expect(new Set(totals)).toEqual(new Set([wanted.length]));
    expect(files.map((f) => f.id).sort()).toEqual([...wanted].sort());
  });

  it("one printer: its files and its local copies only", async () => {
    const printer = await db.printer.findFirstOrThrow({ where: { name: "MK4 Halle" } });
    const { files } = await allPages({ printer: printer.id, sort: "printer" }, 50);
    expect(files.length).toBeGreaterThan(100);
    expect(files.every((f) => f.printerId === printer.id)).toBe(true);
    expect(new Set(files.map((f) => f.status))).toEqual(new Set(["available", "downloaded", "downloading", "failed", "local"]));
  });

  it("a page past the end is empty and still tells the total", async () => {
    const result = await listFiles(fileListQuerySchema.parse({ page: "1000", pageSize: "50" }));
    expect(result).toMatchObject({ files: [], total: expected.size, page: 1000 });
  });
});
