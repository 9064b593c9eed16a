import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/files/route";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { applyListing } from "@/worker/files/sync-listing";
import { failedOnThisVersion, listFiles } from "./list";
import { fileListQuerySchema } from "./schemas";

let cleanup: () => Promise<void>;
let viewer: Record<string, string>;
let printerId: string;
const ids: Record<string, string> = {};

const list = (query: Record<string, string>) => listFiles(fileListQuerySchema.parse(query));
const names = async (query: Record<string, string>) => (await list({ sort: "name", ...query })).files.map((f) => f.name);

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  const view = await createUser({ email: "v@example.com", name: "V", password: "viewer password!", role: "viewer" }, { actor: { type: "system" } });
  viewer = await browserHeaders(view);
  printerId = (await db.printer.create({ data: { name: "MK4", kind: "prusalink", host: "127.0.0.1", model: "MK4", credentials: "{}" } })).id;
  const seenAt = new Date();
  const make = (name: string, modifiedAt: Date | null, size = 100) => db.printerFile.create({ data: { printerId, path: `/usb/${name}`, name, size, modifiedAt, seenAt } });
  // 23:30 UTC on 19 November is 00:30 on 20 November in Berlin.
  ids.earlyTwentieth = (await make("a-early-20.bgcode", new Date("2026-11-19T23:30:00Z"))).id;
  // 22:59 UTC on 20 November is 23:59 on 20 November in Berlin, 23:00 UTC already the 21st.
  ids.lateTwentieth = (await make("b-late-20.bgcode", new Date("2026-11-20T22:59:00Z"))).id;
  ids.twentyFirst = (await make("c-21.bgcode", new Date("2026-11-20T23:00:00Z"))).id;
  ids.undated = (await make("d-undated.bgcode", null)).id;
  // A local file shows its source's date, or when it was stored.
  await db.localFile.create({ data: { relativePath: "e-local.gcode", name: "e-local.gcode", size: 10, sha256: "0".repeat(64), createdAt: new Date("2026-11-18T12:00:00Z") } });
});

afterAll(async () => {
  await cleanup();
});

describe("date filter", () => {
  it("takes whole Berlin days, both ends included", async () => {
    expect(await names({ from: "2026-11-20", to: "2026-11-20" })).toEqual(["a-early-20.bgcode", "b-late-20.bgcode"]);
    expect(await names({ from: "2026-11-21" })).toEqual(["c-21.bgcode"]);
    expect(await names({ to: "2026-11-19" })).toEqual(["e-local.gcode"]);
    expect(await names({ from: "2026-11-18", to: "2026-11-21" })).toEqual(["a-early-20.bgcode", "b-late-20.bgcode", "c-21.bgcode", "e-local.gcode"]);
    expect(await names({})).toContain("d-undated.bgcode");
  });

  it("is a query parameter of GET /api/files; a bad date or a reversed range is refused with 422", async () => {
    const get = (query: string) => call(listRoute.GET, testRequest("GET", `/api/files${query}`, { headers: viewer }));
    const ok = await get("?from=2026-11-20&to=2026-11-20&sort=name");
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { files: { id: string }[] }).files.map((f) => f.id)).toEqual([ids.earlyTwentieth, ids.lateTwentieth]);
    for (const bad of ["?from=20.11.2026", "?to=2026-02-30", "?from=2026-11-21&to=2026-11-20", "?from=2026-11-20T00:00:00Z"]) {
      expect((await get(bad)).status, bad).toBe(422);
    }
  });
});

describe("a failed download", () => {
  const attempt = { total: 100n, queuedAt: new Date("2026-11-21T10:00:00Z"), startedAt: new Date("2026-11-21T10:00:05Z") };

  it("belongs to the version it tried: same size and not modified since the attempt", () => {
    expect(failedOnThisVersion(attempt, { size: 100n, modifiedAt: new Date("2026-11-21T09:00:00Z") })).toBe(true);
    expect(failedOnThisVersion({ ...attempt, total: null, startedAt: null }, { size: 100n, modifiedAt: null })).toBe(true);
    expect(failedOnThisVersion(attempt, { size: 120n, modifiedAt: new Date("2026-11-21T09:00:00Z") })).toBe(false);
    expect(failedOnThisVersion(attempt, { size: 100n, modifiedAt: new Date("2026-11-21T11:00:00Z") })).toBe(false);
    expect(failedOnThisVersion({ ...attempt, startedAt: null }, { size: 100n, modifiedAt: new Date("2026-11-21T10:00:01Z") })).toBe(false);
  });

  it("is available again once a listing saw the file change on the printer", async () => {
    const path = "/usb/zahnrad.bgcode";
    await applyListing(printerId, [{ path, name: "zahnrad.bgcode", size: 500, modifiedAt: new Date("2026-11-21T08:00:00Z") }]);
    const file = await db.printerFile.findUniqueOrThrow({ where: { printerId_path: { printerId, path } } });
    await db.download.create({
      data: { printerFileId: file.id, printerId, status: "failed", error: "size_mismatch", total: 500, startedAt: new Date("2026-11-21T09:00:00Z"), finishedAt: new Date("2026-11-21T09:00:03Z") },
    });
    const statusOf = async () => (await list({ q: "zahnrad" })).files[0];
    expect(await statusOf()).toMatchObject({ status: "failed", download: { error: "size_mismatch" } });
    await applyListing(printerId, [{ path, name: "zahnrad.bgcode", size: 512, modifiedAt: new Date("2026-11-21T08:00:00Z") }]);
    expect((await statusOf()).status).toBe("available");
    await applyListing(printerId, [{ path, name: "zahnrad.bgcode", size: 500, modifiedAt: new Date("2026-11-21T08:00:00Z") }]);
    expect((await statusOf()).status).toBe("failed");
    await applyListing(printerId, [{ path, name: "zahnrad.bgcode", size: 500, modifiedAt: new Date("2026-11-21T09:30:00Z") }]);
    expect((await statusOf()).status).toBe("available");
  });
});
