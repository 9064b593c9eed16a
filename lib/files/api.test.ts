import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/files/route";
import * as bulkRoute from "@/app/api/files/download/route";
import * as housekeepingRoute from "@/app/api/files/housekeeping/route";
import * as cancelRoute from "@/app/api/files/[id]/cancel/route";
import * as contentRoute from "@/app/api/files/[id]/content/route";
import * as downloadRoute from "@/app/api/files/[id]/download/route";
import * as printOptionsRoute from "@/app/api/files/[id]/print-options/route";
import * as uploadRoute from "@/app/api/files/[id]/upload/route";
import * as syncRoute from "@/app/api/printers/[id]/files/sync/route";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { compressLocalFile } from "@/worker/files/housekeeping";
import { applyListing } from "@/worker/files/sync-listing";
import { planHousekeeping } from "./housekeeping-plan";
import { filesConfig } from "./settings";

let cleanup: () => Promise<void>;
let operator: Record<string, string>;
let viewer: Record<string, string>;
let root: string;
let printerId: string;
const bytes = randomBytes(5_000);
const sha = createHash("sha256").update(bytes).digest("hex");
const ids: Record<string, string> = {};

interface ListedFile {
  id: string;
  name: string;
  status: string;
  printerDisabled: boolean;
  size: number | null;
}

async function listed(query = ""): Promise<{ files: ListedFile[]; total: number }> {
  const res = await call(listRoute.GET, testRequest("GET", `/api/files${query}`, { headers: viewer }));
  expect(res.status).toBe(200);
  return (await res.json()) as { files: ListedFile[]; total: number };
}

function content(id: string, headers: Record<string, string> = {}, who = operator) {
  return call(contentRoute.GET, testRequest("GET", `/api/files/${id}/content`, { headers: { ...who, ...headers } }), { id });
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  root = filesConfig().root;
  const op = await createUser({ email: "op@example.com", name: "Op", password: "operator password", role: "operator" }, { actor: { type: "system" } });
  const view = await createUser({ email: "v@example.com", name: "V", password: "viewer password!", role: "viewer" }, { actor: { type: "system" } });
  operator = await browserHeaders(op);
  viewer = await browserHeaders(view);
  printerId = (await db.printer.create({ data: { name: "A1 Werkstatt", kind: "bambu", host: "127.0.0.1", model: "A1", credentials: "{}" } })).id;
  const seenAt = new Date();
  const modifiedAt = new Date("2026-11-20T08:00:00Z");
  const make = (name: string, size = 100) => db.printerFile.create({ data: { printerId, path: `/cache/${name}`, name, size, modifiedAt, seenAt } });
  ids.available = (await make("Halter.gcode.3mf")).id;
  ids.downloaded = (await make("Größe Teil.gcode.3mf", bytes.length)).id;
  ids.downloading = (await make("Deckel.gcode.3mf")).id;
  ids.failed = (await make("Zahnrad.3mf")).id;
  await mkdir(path.join(root, "A1 Werkstatt/2026-11-25"), { recursive: true });
  await writeFile(path.join(root, "A1 Werkstatt/2026-11-25/Größe Teil.gcode.3mf"), bytes);
  ids.localOfDownloaded = (
    await db.localFile.create({
      data: { relativePath: "A1 Werkstatt/2026-11-25/Größe Teil.gcode.3mf", name: "Größe Teil.gcode.3mf", size: bytes.length, sha256: sha, printerFileId: ids.downloaded, sourceSize: bytes.length, sourceModifiedAt: modifiedAt },
    })
  ).id;
  await writeFile(path.join(root, "old.gcode"), bytes);
  ids.local = (await db.localFile.create({ data: { relativePath: "old.gcode", name: "old.gcode", size: bytes.length, sha256: sha, createdAt: new Date("2020-01-01T00:00:00Z") } })).id;
  await db.download.create({ data: { printerFileId: ids.downloading, printerId, status: "downloading", bytes: 40, total: 100, speed: 1000 } });
  await db.download.create({ data: { printerFileId: ids.failed, printerId, status: "failed", error: "size_mismatch" } });
});

afterAll(async () => {
  await cleanup();
});

describe("GET /api/files", () => {
  it("lists printer and local files with their status", async () => {
    const { files, total } = await listed("?pageSize=50");
    expect(total).toBe(5);
    const status = Object.fromEntries(files.map((f) => [f.id, f.status]));
    expect(status).toEqual({
      [ids.available]: "available",
      [ids.downloaded]: "downloaded",
      [ids.downloading]: "downloading",
      [ids.failed]: "failed",
      [ids.local]: "local",
    });
  });

  it("filters, searches, sorts and pages on the server", async () => {
    expect((await listed("?status=failed")).files.map((f) => f.id)).toEqual([ids.failed]);
    expect((await listed("?q=gr%C3%B6%C3%9Fe")).files.map((f) => f.id)).toEqual([ids.downloaded]);
    expect((await listed("?type=3mf")).files.map((f) => f.id)).toEqual([ids.failed]);
    const page = await listed("?sort=name&pageSize=2&page=2");
    expect(page.total).toBe(5);
    expect(page.files.map((f) => f.name)).toEqual(["Halter.gcode.3mf", "old.gcode"]);
  });

  it("rejects a bad query", async () => {
    const res = await call(listRoute.GET, testRequest("GET", "/api/files?status=nope", { headers: viewer }));
    expect(res.status).toBe(422);
  });
});

describe("GET /api/files/{id}/content", () => {
  it("serves the whole file with ETag and an RFC 5987 file name, audited", async () => {
    const res = await content(ids.downloaded);
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(`"${sha}"`);
    expect(res.headers.get("content-type")).toBe("model/3mf");
    expect(res.headers.get("content-disposition")).toContain("filename*=UTF-8''Gr%C3%B6%C3%9Fe%20Teil.gcode.3mf");
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect(await db.auditLog.count({ where: { action: "files.downloaded", target: ids.localOfDownloaded } })).toBe(1);
  });

  it("answers ranges with 206 and Content-Range, and 416 past the end", async () => {
    const res = await content(ids.downloaded, { range: "bytes=100-199" });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
    const tail = await content(ids.downloaded, { range: "bytes=-10" });
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 10))).toBe(true);
    const past = await content(ids.downloaded, { range: `bytes=${bytes.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
  });

  it("honours If-Range and If-None-Match with the SHA-256", async () => {
    expect((await content(ids.downloaded, { range: "bytes=0-9", "if-range": `"${sha}"` })).status).toBe(206);
    expect((await content(ids.downloaded, { range: "bytes=0-9", "if-range": '"other"' })).status).toBe(200);
    expect((await content(ids.downloaded, { "if-none-match": `"${sha}"` })).status).toBe(304);
  });

  it("needs files:download", async () => {
    expect((await content(ids.downloaded, {}, viewer)).status).toBe(403);
    const anonymous = await call(contentRoute.GET, testRequest("GET", `/api/files/${ids.downloaded}/content`), { id: ids.downloaded });
    expect(anonymous.status).toBe(401);
  });

  it("404s for a printer file without a local copy", async () => {
    expect((await content(ids.available)).status).toBe(404);
  });

  it("serves a compressed file whole and decompressed, without ranges", async () => {
    await compressLocalFile(root, ids.local, "old.gcode");
    await expect(readFile(path.join(root, "old.gcode"))).rejects.toThrow();
    const res = await content(ids.local, { range: "bytes=0-9" });
    expect(res.status).toBe(200);
    expect(res.headers.get("accept-ranges")).toBe("none");
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

describe("queue, cancel, sync, upload", () => {
  it("queues a download once and skips files that are current or already queued", async () => {
    const first = await call(downloadRoute.POST, testRequest("POST", `/api/files/${ids.available}/download`, { headers: operator }), { id: ids.available });
    expect(first.status).toBe(202);
    expect(((await first.json()) as { queued: string[] }).queued).toHaveLength(1);
    const bulk = await call(bulkRoute.POST, testRequest("POST", "/api/files/download", { headers: operator, body: { ids: [ids.available, ids.downloaded, "nope"] } }));
    expect(await bulk.json()).toEqual({ queued: [], skipped: [ids.available, ids.downloaded, "nope"] });
    expect((await listed("?status=downloading")).files.map((f) => f.id).sort()).toEqual([ids.available, ids.downloading].sort());
  });

  it("refuses to queue a file that does not exist", async () => {
    const res = await call(downloadRoute.POST, testRequest("POST", "/api/files/nope/download", { headers: operator }), { id: "nope" });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("viewers cannot queue", async () => {
    const res = await call(downloadRoute.POST, testRequest("POST", `/api/files/${ids.failed}/download`, { headers: viewer }), { id: ids.failed });
    expect(res.status).toBe(403);
  });

  it("cancels a queued download, and a running one through the worker", async () => {
    const queued = await call(cancelRoute.POST, testRequest("POST", `/api/files/${ids.available}/cancel`, { headers: operator }), { id: ids.available });
    expect(await queued.json()).toEqual({ cancelled: true });
    expect((await db.download.findFirstOrThrow({ where: { printerFileId: ids.available } })).status).toBe("cancelled");
    const running = await call(cancelRoute.POST, testRequest("POST", `/api/files/${ids.downloading}/cancel`, { headers: operator }), { id: ids.downloading });
    expect(await running.json()).toEqual({ cancelled: true });
    expect(await db.command.count({ where: { type: "files.cancel" } })).toBe(1);
  });

  it("sync and upload become worker commands; a start on a busy printer is refused", async () => {
    const syncNow = () => call(syncRoute.POST, testRequest("POST", `/api/printers/${printerId}/files/sync`, { headers: operator }), { id: printerId });
    const offline = await syncNow();
    expect(offline.status).toBe(409);
    expect(await offline.json()).toMatchObject({ error: { code: "printer_offline" } });
    expect(await db.command.count({ where: { type: "files.sync", printerId } })).toBe(0);
    await db.printerStatus.create({ data: { printerId, online: true, state: "printing", data: "{}" } });
    const sync = await syncNow();
    expect(sync.status).toBe(202);
    expect(await sync.json()).toMatchObject({ status: "pending", error: null, counts: null });
    expect(await db.command.count({ where: { type: "files.sync", printerId } })).toBe(1);
    const refused = await call(
      uploadRoute.POST,
      testRequest("POST", `/api/files/${ids.downloaded}/upload`, { headers: operator, body: { printerId, start: true } }),
      { id: ids.downloaded },
    );
    expect(refused.status).toBe(409);
    const upload = await call(
      uploadRoute.POST,
      testRequest("POST", `/api/files/${ids.downloaded}/upload`, { headers: operator, body: { printerId, start: false } }),
      { id: ids.downloaded },
    );
    expect(upload.status).toBe(202);
    expect(await db.command.count({ where: { type: "files.upload" } })).toBe(1);
  });

  it("refuses a file type the printer cannot print, and carries plate and AMS mapping to the worker", async () => {
    const prusaId = (await db.printer.create({ data: { name: "MK4", kind: "prusalink", host: "127.0.0.1", model: "MK4", credentials: "{}" } })).id;
    const send = (id: string, body: Record<string, unknown>) =>
      call(uploadRoute.POST, testRequest("POST", `/api/files/${id}/upload`, { headers: operator, body }), { id });
    const projectToPrusa = await send(ids.downloaded, { printerId: prusaId, start: false });
    expect(projectToPrusa.status).toBe(422);
    expect(await projectToPrusa.json()).toMatchObject({ error: { code: "file_type_unsupported", details: { type: "gcode.3mf", printerKind: "prusalink" } } });
    const gcodeToBambu = await send(ids.local, { printerId, start: false });
    expect(gcodeToBambu.status).toBe(422);
    expect(await gcodeToBambu.json()).toMatchObject({ error: { code: "file_type_unsupported" } });
    const mappingWithoutStart = await send(ids.downloaded, { printerId, start: false, amsMapping: [0] });
    expect(mappingWithoutStart.status).toBe(422);
    expect(await mappingWithoutStart.json()).toMatchObject({ error: { code: "validation_failed" } });
    expect(await db.command.count({ where: { type: "files.upload" } })).toBe(1);

    await db.printerStatus.update({ where: { printerId }, data: { state: "idle" } });
    const bedNotClear = await send(ids.downloaded, { printerId, start: true, plate: 2, amsMapping: [-1, 6] });
    expect(bedNotClear.status).toBe(409);
    expect(await bedNotClear.json()).toMatchObject({ error: { code: "bed_not_clear", details: { reason: "first_seen" } } });
    await db.printer.update({ where: { id: printerId }, data: { bedState: "clear" } });
    const started = await send(ids.downloaded, { printerId, start: true, plate: 2, amsMapping: [-1, 6] });
    expect(started.status).toBe(202);
    const { commandId } = (await started.json()) as { commandId: number };
    const command = await db.command.findUniqueOrThrow({ where: { id: commandId } });
    expect(JSON.parse(command.payload)).toEqual({ localFileId: ids.localOfDownloaded, start: true, plate: 2, amsMapping: [-1, 6] });
  });

  it("lists the plates and their filaments of a local copy", async () => {
    const plate = (index: number, slots: number[]) => ({
      index,
      filaments: slots.map((amsSlot) => ({ type: "PLA", color: amsSlot === 1 ? "#FFFFFF" : "#FF0000", amsSlot })),
    });
    const metadata = { kind: "gcode.3mf", plates: [plate(1, [1]), { ...plate(2, [2]), name: "Deckel" }], printSeconds: null, filamentGrams: null, filamentMeters: null, filaments: [], layerHeight: null, nozzleDiameter: null, printerModel: null, printerModelId: null, slicer: null, thumbnails: [] };
    await db.localFile.update({ where: { id: ids.localOfDownloaded }, data: { metadata: JSON.stringify(metadata) } });
    const res = await call(printOptionsRoute.GET, testRequest("GET", `/api/files/${ids.downloaded}/print-options`, { headers: operator }), { id: ids.downloaded });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      type: "gcode.3mf",
      plates: [
        { index: 1, name: null, filaments: [{ slot: 1, type: "PLA", color: "#FFFFFF" }] },
        { index: 2, name: "Deckel", filaments: [{ slot: 2, type: "PLA", color: "#FF0000" }] },
      ],
    });
    const viewerRes = await call(printOptionsRoute.GET, testRequest("GET", `/api/files/${ids.downloaded}/print-options`, { headers: viewer }), { id: ids.downloaded });
    expect(viewerRes.status).toBe(403);
  });
});

describe("GET /api/files/housekeeping", () => {
  it("previews and protects files used by recent jobs", async () => {
    await db.job.create({ data: { printerId, name: "Teil", fileName: "/cache/Größe Teil.gcode.3mf", status: "finished", startedAt: new Date() } });
    const res = await call(housekeepingRoute.GET, testRequest("GET", "/api/files/housekeeping", { headers: operator }));
    expect(res.status).toBe(200);
    const plan = (await res.json()) as { compress: { id: string }[]; delete: unknown[] };
    expect(plan.delete).toEqual([]);
    expect(plan.compress).toEqual([]);
    const later = new Date(Date.now() + 40 * 86_400_000);
    const strict = await planHousekeeping({ ...filesConfig(), retentionDays: 1 }, later);
    expect(strict.delete.map((f) => [f.id, f.reason])).toEqual([[ids.local, "retention"]]);
    expect(strict.protectedCount).toBe(1);
    const budget = await planHousekeeping({ ...filesConfig(), budgetBytes: 1 }, later);
    expect(budget.delete.map((f) => f.id)).toEqual([ids.local]);
    const unprotected = await planHousekeeping({ ...filesConfig(), protectDays: 0, compressAfterDays: 30 }, later);
    expect(unprotected.compress.map((f) => f.id)).toEqual([ids.localOfDownloaded]);
  });
});

describe("sizes beyond 2 GiB", () => {
  it("keep every byte through the listing, the database, the list and the content route", async () => {
    // Past PostgreSQL's INTEGER and any 32-bit count, odd so rounding would show.
    const big = 5 * 1024 ** 3 + 7;
    const modifiedAt = new Date("2026-11-24T10:00:00Z");
    const printer = await db.printer.create({ data: { name: "Core One Halle", kind: "prusalink", host: "127.0.0.1", model: "Core One", credentials: "{}" } });
    const remote = { path: "/usb/RIESIG~1.BGC", name: "Riesiges Teil.bgcode", size: big, modifiedAt };
    const relativePath = "Core One Halle/2026-11-24/Riesiges Teil.bgcode";
    const full = path.join(root, relativePath);
    try {
      expect(await applyListing(printer.id, [remote])).toMatchObject({ added: 1, changed: 0 });
      // The same size listed again is no change (a BigInt compared with a number would always differ).
      expect(await applyListing(printer.id, [remote])).toMatchObject({ added: 0, changed: 0 });
      const file = await db.printerFile.findFirstOrThrow({ where: { printerId: printer.id } });
      expect(file.size).toBe(BigInt(big));

      const download = await db.download.create({ data: { printerFileId: file.id, printerId: printer.id, status: "downloading", bytes: big - 1, total: big } });
      const running = (await listed(`?printer=${printer.id}`)).files as unknown as { size: number; download: { bytes: number; total: number } }[];
      expect(running).toEqual([expect.objectContaining({ size: big, download: expect.objectContaining({ bytes: big - 1, total: big }) })]);

      // A sparse file: the size is real to the file system without writing 5 GiB.
      await mkdir(path.dirname(full), { recursive: true });
      const handle = await open(full, "w");
      await handle.truncate(big);
      await handle.close();
      await db.download.update({ where: { id: download.id }, data: { status: "done", bytes: big } });
      await db.localFile.create({ data: { relativePath, name: remote.name, size: big, sha256: sha, printerFileId: file.id, sourceSize: big, sourceModifiedAt: modifiedAt } });
      expect((await listed(`?printer=${printer.id}`)).files).toEqual([expect.objectContaining({ status: "downloaded", size: big })]);
      const tail = await content(file.id, { range: `bytes=${big - 2}-` });
      expect(tail.status).toBe(206);
      expect(tail.headers.get("content-range")).toBe(`bytes ${big - 2}-${big - 1}/${big}`);
      expect(Buffer.from(await tail.arrayBuffer())).toEqual(Buffer.alloc(2));
    } finally {
      await db.localFile.deleteMany({ where: { relativePath } });
      await db.printerFile.deleteMany({ where: { printerId: printer.id } });
      await db.printer.delete({ where: { id: printer.id } });
      await rm(full, { force: true });
    }
  });
});

describe("files of a disabled printer", () => {
  it("are listed as available but flagged; a download is refused with 409 and never queued, unknown sizes sort last", async () => {
    const printer = await db.printer.create({ data: { name: "Core One Lager", kind: "prusalink", host: "127.0.0.1", model: "Core One", credentials: "{}", enabled: false } });
    const seenAt = new Date();
    const modifiedAt = new Date("2026-11-21T08:00:00Z");
    const make = (name: string, size: number | null) => db.printerFile.create({ data: { printerId: printer.id, path: `/usb/${name}`, name, size, modifiedAt, seenAt } });
    const sized = await make("Halter.bgcode", 2_000);
    const unsized = await make("Deckel.bgcode", null);
    const small = await make("Clip.bgcode", 10);
    try {
      const { files } = await listed(`?printer=${printer.id}&sort=size`);
      expect(files.map((f) => [f.id, f.status, f.printerDisabled, f.size])).toEqual([
        [small.id, "available", true, 10],
        [sized.id, "available", true, 2_000],
        [unsized.id, "available", true, null],
      ]);
      expect((await listed(`?printer=${printer.id}&sort=-size`)).files.map((f) => f.id)).toEqual([sized.id, small.id, unsized.id]);
      expect((await listed(`?printer=${printerId}`)).files.map((f) => f.printerDisabled)).not.toContain(true);

      const single = await call(downloadRoute.POST, testRequest("POST", `/api/files/${sized.id}/download`, { headers: operator }), { id: sized.id });
      expect(single.status).toBe(409);
      expect(await single.json()).toMatchObject({ error: { code: "printer_disabled" } });
      const bulk = await call(bulkRoute.POST, testRequest("POST", "/api/files/download", { headers: operator, body: { ids: [sized.id, unsized.id] } }));
      expect(await bulk.json()).toEqual({ queued: [], skipped: [sized.id, unsized.id] });
      expect(await db.download.count({ where: { printerId: printer.id } })).toBe(0);

      // Switched on again, the same file queues as any other.
      await db.printer.update({ where: { id: printer.id }, data: { enabled: true } });
      const enabled = await call(downloadRoute.POST, testRequest("POST", `/api/files/${sized.id}/download`, { headers: operator }), { id: sized.id });
      expect(enabled.status).toBe(202);
      expect(((await enabled.json()) as { queued: string[] }).queued).toHaveLength(1);
    } finally {
      await db.download.deleteMany({ where: { printerId: printer.id } });
      await db.printerFile.deleteMany({ where: { printerId: printer.id } });
      await db.printer.delete({ where: { id: printer.id } });
    }
  });
});
