import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { listFiles } from "./list";
import { fileListQuerySchema } from "./schemas";

let cleanup: () => Promise<void>;

/** Printer files a..e by size (null: the printer's listing left the size out); the id order is their name order. */
const sizes: Record<string, number | null> = { a: 300, b: null, c: 0, d: 5_000, e: null };

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  const printer = await db.printer.create({ data: { name: "Core One Halle", kind: "prusalink", host: "127.0.0.1", model: "Core One", credentials: "{}" } });
  const seenAt = new Date("2026-11-20T08:00:00Z");
  for (const [id, size] of Object.entries(sizes)) {
    await db.printerFile.create({ data: { printerId: printer.id, path: `/usb/${id}.bgcode`, name: `${id}.bgcode`, size, modifiedAt: seenAt, seenAt } });
  }
  for (const name of ["Zahnrad.bgcode", "Achse.bgcode"]) {
    await db.printerFile.create({ data: { printerId: printer.id, path: `/usb/same/${name}`, name, size: 10, modifiedAt: seenAt, seenAt } });
  }
});
afterAll(() => cleanup());

const sorted = async (sort: "size" | "-size") =>
  (await listFiles(fileListQuerySchema.parse({ sort, q: "/usb/", pageSize: 200 }))).files.filter((f) => !f.path?.includes("/same/")).map((f) => f.name[0]);

describe("sorting the files list by size", () => {
  it("puts unknown sizes after every known one, smallest first", async () => {
    expect(await sorted("size")).toEqual(["c", "a", "d", "b", "e"]);
  });

  it("puts unknown sizes after every known one, largest first too", async () => {
    expect(await sorted("-size")).toEqual(["d", "a", "c", "b", "e"]);
  });

  it("still orders by name within equal sizes", async () => {
    const same = (await listFiles(fileListQuerySchema.parse({ sort: "-size", q: "/same/" }))).files.map((f) => f.name);
    expect(same).toEqual(["Achse.bgcode", "Zahnrad.bgcode"]);
  });
});
