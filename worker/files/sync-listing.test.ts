import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { applyListing } from "./sync-listing";

let cleanup: () => Promise<void>;
const printerId = "listing-printer";
const day = (d: number) => new Date(Date.UTC(2026, 10, d, 12));

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  await db.printer.create({ data: { id: printerId, name: "Core One", kind: "prusalink", host: "127.0.0.1", model: "Core One", credentials: "{}" } });
});
afterAll(() => cleanup());

const sizeOf = async (path: string) => (await db.printerFile.findFirstOrThrow({ where: { printerId, path } })).size;

describe("applyListing and sizes", () => {
  it("keeps a size learnt elsewhere while the listing leaves it out and the date stays", async () => {
    await applyListing(printerId, [{ path: "/usb/A.GCO", name: "A.gcode", size: null, modifiedAt: day(1) }]);
    await db.printerFile.updateMany({ where: { printerId, path: "/usb/A.GCO" }, data: { size: 1234 } });
    const again = await applyListing(printerId, [{ path: "/usb/A.GCO", name: "A.gcode", size: null, modifiedAt: day(1) }]);
    expect(again.changed).toBe(0);
    expect(Number(await sizeOf("/usb/A.GCO"))).toBe(1234);
  });

  it("drops that size when the date says the file changed, and counts the change", async () => {
    const changed = await applyListing(printerId, [{ path: "/usb/A.GCO", name: "A.gcode", size: null, modifiedAt: day(2) }]);
    expect(changed.changed).toBe(1);
    expect(await sizeOf("/usb/A.GCO")).toBeNull();
  });

  it("a listed size that differs is a change and replaces the stored one", async () => {
    await applyListing(printerId, [{ path: "/usb/B.GCO", name: "B.gcode", size: 10, modifiedAt: day(1) }]);
    const changed = await applyListing(printerId, [{ path: "/usb/B.GCO", name: "B.gcode", size: 11, modifiedAt: day(1) }]);
    expect(changed.changed).toBe(1);
    expect(Number(await sizeOf("/usb/B.GCO"))).toBe(11);
  });

  it("stores the name without bidi or zero-width characters, and keeps the printer's path", async () => {
    await applyListing(printerId, [{ path: "/usb/C\u202E.GCO", name: "invoice\u202Eedoc\u200B.gcode", size: 5, modifiedAt: day(1) }]);
    const row = await db.printerFile.findFirstOrThrow({ where: { printerId, path: "/usb/C\u202E.GCO" } });
    expect(row.name).toBe("invoiceedoc.gcode");
  });
});
