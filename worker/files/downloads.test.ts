import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fileRoute from "@/app/api/files/[id]/route";
import * as syncRoute from "@/app/api/printers/[id]/files/sync/route";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { listFiles } from "@/lib/files/list";
import { resolveInside } from "@/lib/files/names";
import { queueIfIdle } from "@/lib/files/queue";
import { fileListQuerySchema } from "@/lib/files/schemas";
import type { DownloadTarget, PrinterDriver } from "@/lib/printers/types";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { startPrusaLinkSimulator, type PrusaLinkSimulator } from "@/sim/prusalink";
import { fixturePath } from "@/test/fixtures";
import { CommandRunner } from "@/worker/command-runner";
import { PrinterSupervisor } from "@/worker/printers/supervisor";
import { addBambuPrinter, addPrusaPrinter, fastConfig, fastTuning, waitFor } from "@/testing/worker/printers";
import { DownloadQueue } from "./download-queue";
import { FileSync } from "./file-sync";
import { fileServices, supervisorAccess } from "./index";
import { uploadToPrinter } from "./upload";
import type { PrinterAccess } from "./printer-access";

/**
 * The download path end to end: real simulators (PrusaLink over HTTP with Digest auth,
 * a Bambu A1 mini over FTPS that refuses REST), the worker's supervisor and its one
 * driver per printer, the queue on a real SQLite database and a real files folder.
 */

const MB = 1024 * 1024;
let cleanup: () => Promise<void>;
let root: string;
let prusa: PrusaLinkSimulator;
let bambu: BambuSimulator;
let prusaId: string;
let bambuId: string;
let supervisor: PrinterSupervisor;
let access: PrinterAccess;
let sync: FileSync;

/** Download calls as the drivers saw them, and a switch to break the next transfer after `failAfter` bytes. */
const calls: { path: string; offset: number; resumed: boolean | null }[] = [];
let failAfter: number | null = null;
/** Called with the progress of every transfer (the restart test stops the queue from it). */
let onBytes: ((bytes: number) => void) | null = null;

function recording(inner: PrinterAccess): PrinterAccess {
  const wrap = (driver: PrinterDriver): PrinterDriver =>
    new Proxy(driver, {
      get(target, prop, receiver) {
        if (prop !== "download") return Reflect.get(target, prop, receiver) as unknown;
        return async (remote: string, t: DownloadTarget) => {
          const call = { path: remote, offset: t.offset, resumed: null as boolean | null };
          calls.push(call);
          const limit = failAfter;
          failAfter = null;
          // A dropped connection: the transfer is aborted underneath the driver, which then fails like a reset socket.
          const drop = new AbortController();
          const signals = t.signal ? [t.signal, drop.signal] : [drop.signal];
          const result = await target
            .download(remote, {
              ...t,
              signal: AbortSignal.any(signals),
              onProgress: (bytes) => {
                if (limit !== null && bytes >= limit) drop.abort();
                onBytes?.(bytes);
                t.onProgress?.(bytes);
              },
            })
            .catch((err: unknown) => {
              throw drop.signal.aborted ? Object.assign(new Error("connection dropped"), { code: "ECONNRESET" }) : err;
            });
          call.resumed = result.resumed;
          return result;
        };
      },
    });
  return { ...inner, driver: (id) => { const d = inner.driver(id); return d ? wrap(d) : undefined; } };
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function printerFile(printerId: string, remotePath: string) {
  await sync.sync(printerId);
  return db.printerFile.findFirstOrThrow({ where: { printerId, path: remotePath } });
}

async function downloadOnce(queue: DownloadQueue, printerFileId: string, printerId: string) {
  const id = await queueIfIdle(printerFileId, printerId, null);
  if (!id) throw new Error("already queued");
  queue.kick();
  return waitFor(async () => {
    const row = await db.download.findUniqueOrThrow({ where: { id } });
    return ["done", "failed", "cancelled"].includes(row.status) ? row : null;
  }, "download finished", 25_000);
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  root = await mkdtemp(path.join(tmpdir(), "files-root-"));
  prusa = await startPrusaLinkSimulator({ model: "Core One", host: "127.0.0.1", port: 0 });
  bambu = await startBambuSimulator({
    serial: "0300AA000000201",
    accessCode: "40213377",
    model: "A1 mini",
    host: "127.0.0.1",
    mqttPort: 0,
    ftpPort: 0,
    cameraPort: 0,
    reportIntervalMs: 200,
  });
  prusaId = (await addPrusaPrinter(prusa, "Core One Halle")).id;
  bambuId = (await addBambuPrinter(bambu, "A1 mini / Büro")).id;
  supervisor = new PrinterSupervisor({ config: fastConfig, tuning: fastTuning });
  await supervisor.start();
  access = recording(supervisorAccess(supervisor));
  sync = new FileSync(access, { root, syncMs: 60_000 });
  await waitFor(() => access.driver(prusaId) && access.driver(bambuId), "both printers online");
}, 30_000);

afterAll(async () => {
  await supervisor.stop();
  await prusa.close();
  await bambu.close();
  await rm(root, { recursive: true, force: true });
  await cleanup();
});

describe("listing", () => {
  it("upserts the printer's files and marks vanished ones gone", async () => {
    const counts = await sync.sync(prusaId);
    expect(counts.added).toBeGreaterThan(0);
    const rows = await db.printerFile.findMany({ where: { printerId: prusaId } });
    expect(rows.every((r) => r.path.startsWith("/usb/") && r.goneAt === null)).toBe(true);
    expect((await sync.sync(prusaId)).added).toBe(0);
    const ghost = await db.printerFile.create({ data: { printerId: prusaId, path: "/usb/GONE.GCO", name: "GONE.GCO", seenAt: new Date() } });
    expect((await sync.sync(prusaId)).gone).toBe(1);
    expect((await db.printerFile.findUniqueOrThrow({ where: { id: ghost.id } })).goneAt).not.toBeNull();
  });

  it("asks PrusaLink for the sizes its folder listing leaves out", async () => {
    const large = await prusa.ensureLargeFile(3 * MB);
    const file = await printerFile(prusaId, large.apiPath);
    expect(Number(file.size)).toBe(large.size);
    const unknown = await db.printerFile.count({ where: { printerId: prusaId, goneAt: null, size: null } });
    expect(unknown).toBe(0);
  });

  it("fetches PrusaLink thumbnails of listed files, a few per listing", async () => {
    const withPicture = await db.printerFile.findMany({ where: { printerId: prusaId, thumbnailPath: { not: null } } });
    expect(withPicture.length).toBeGreaterThan(0);
    const png = await readFile(resolveInside(root, withPicture[0].thumbnailPath ?? ""));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
  });
});

describe("downloads", () => {
  let queue: DownloadQueue;
  beforeAll(async () => {
    queue = new DownloadQueue(access, { root, maxDownloads: 5, perPrinter: 1, pollMs: 100, progressEventMs: 100 });
    await queue.start();
  });
  afterAll(() => queue.stop());

  it("downloads from PrusaLink into <printer>/<day>/<name> with the simulator's SHA-256", async () => {
    const large = await prusa.ensureLargeFile(6 * MB);
    const file = await printerFile(prusaId, large.apiPath);
    const row = await downloadOnce(queue, file.id, prusaId);
    expect(row).toMatchObject({ status: "done", bytes: BigInt(large.size), error: null });
    const local = await db.localFile.findUniqueOrThrow({ where: { id: row.localFileId ?? "" } });
    expect(local.sha256).toBe(await sha256File(large.diskPath));
    expect(local.relativePath).toMatch(/^Core One Halle\/\d{4}-\d{2}-\d{2}\/.+/);
    expect(await sha256File(resolveInside(root, local.relativePath))).toBe(local.sha256);
    const events = await db.event.findMany({ where: { type: "file.download" } });
    expect(events.some((e) => JSON.parse(e.payload).status === "done")).toBe(true);
  });

  it("a file listed without a size takes the size the printer states, is checked against it and shown as downloaded", async () => {
    const large = await prusa.ensureLargeFile(5 * MB);
    const listed = await printerFile(prusaId, large.apiPath);
    const file = await db.printerFile.update({ where: { id: listed.id }, data: { size: null } });
    const row = await downloadOnce(queue, file.id, prusaId);
    expect(row).toMatchObject({ status: "done", total: BigInt(large.size), error: null });
    expect(Number((await db.printerFile.findUniqueOrThrow({ where: { id: file.id } })).size)).toBe(large.size);
    const { files } = await listFiles(fileListQuerySchema.parse({ printer: prusaId, q: file.name }));
    expect(files.find((f) => f.id === file.id)?.status).toBe("downloaded");
  });

  it("a second copy of the same name gets a (2) suffix", async () => {
    const large = await prusa.ensureLargeFile(6 * MB);
    const file = await printerFile(prusaId, large.apiPath);
    const row = await downloadOnce(queue, file.id, prusaId);
    const local = await db.localFile.findUniqueOrThrow({ where: { id: row.localFileId ?? "" } });
    expect(local.relativePath).toMatch(/ \(2\)(\.[A-Za-z0-9]+)+$/);
  });

  it("resumes on PrusaLink with a range after the connection dropped mid-file", async () => {
    const large = await prusa.ensureLargeFile(9 * MB);
    const file = await printerFile(prusaId, large.apiPath);
    failAfter = 3 * MB;
    const failed = await downloadOnce(queue, file.id, prusaId);
    expect(failed).toMatchObject({ status: "failed", error: "printer_unreachable", localFileId: null });
    const parts = await readdir(path.join(root, ".tmp"));
    expect(parts.some((p) => p.startsWith(file.id))).toBe(true);
    const done = await downloadOnce(queue, file.id, prusaId);
    expect(done.status).toBe("done");
    const last = calls.at(-1);
    expect(last?.offset).toBeGreaterThanOrEqual(3 * MB - 256 * 1024);
    expect(last?.resumed).toBe(true);
    const local = await db.localFile.findUniqueOrThrow({ where: { id: done.localFileId ?? "" } });
    expect(local.sha256).toBe(await sha256File(large.diskPath));
  });

  it("Bambu A1 mini (no REST): restarts the transfer and still stores exactly the file", async () => {
    const remote = await bambu.ensureLargeFile(5 * MB, "plate.gcode.3mf");
    const file = await printerFile(bambuId, remote);
    failAfter = 2 * MB;
    expect((await downloadOnce(queue, file.id, bambuId)).status).toBe("failed");
    const done = await downloadOnce(queue, file.id, bambuId);
    expect(done.status).toBe("done");
    expect(calls.at(-1)?.offset).toBeGreaterThan(0);
    expect(calls.at(-1)?.resumed).toBe(false);
    const local = await db.localFile.findUniqueOrThrow({ where: { id: done.localFileId ?? "" } });
    expect(local.sha256).toBe(await sha256File(path.join(bambu.storageDir, remote)));
    expect(local.relativePath.startsWith("A1 mini _ Büro/")).toBe(true);
  });

  it("a size that differs from the listing fails that download and leaves nothing behind", async () => {
    const large = await prusa.ensureLargeFile(2 * MB);
    const file = await printerFile(prusaId, large.apiPath);
    await db.printerFile.update({ where: { id: file.id }, data: { size: large.size + 4096 } });
    const before = await db.localFile.count();
    const row = await downloadOnce(queue, file.id, prusaId);
    expect(row).toMatchObject({ status: "failed", error: "size_mismatch" });
    expect(await db.localFile.count()).toBe(before);
    const parts = await readdir(path.join(root, ".tmp"));
    expect(parts.filter((p) => p.startsWith(file.id))).toEqual([]);
  });

  it("survives a worker restart: the running download goes back to the queue and resumes", async () => {
    const large = await prusa.ensureLargeFile(24 * MB);
    const file = await printerFile(prusaId, large.apiPath);
    let stopping: Promise<void> | null = null;
    onBytes = (bytes) => {
      if (bytes >= 4 * MB && !stopping) stopping = queue.stop();
    };
    const id = await queueIfIdle(file.id, prusaId, null);
    queue.kick();
    await waitFor(() => stopping !== null, "worker stopping mid-file");
    await stopping;
    onBytes = null;
    expect((await db.download.findUniqueOrThrow({ where: { id: id ?? "" } })).status).toBe("queued");
    queue = new DownloadQueue(access, { root, maxDownloads: 5, perPrinter: 1, pollMs: 100 });
    await queue.start();
    const done = await waitFor(async () => {
      const row = await db.download.findUniqueOrThrow({ where: { id: id ?? "" } });
      return row.status === "done" ? row : null;
    }, "resumed download done", 25_000);
    expect(calls.at(-1)?.offset).toBeGreaterThan(0);
    const local = await db.localFile.findUniqueOrThrow({ where: { id: done.localFileId ?? "" } });
    expect(local.sha256).toBe(await sha256File(large.diskPath));
  });
});

describe("commands", () => {
  it("POST /api/printers/{id}/files/sync?wait=1 answers with the worker's outcome: what was found, or why not", async () => {
    const runner = new CommandRunner(50);
    // The worker has lost its PrusaLink session while the status row still says online.
    const services = fileServices({ ...access, driver: (id) => (id === prusaId ? undefined : access.driver(id)) }, runner);
    runner.start();
    try {
      const user = await createUser({ email: "op@example.com", name: "Op", password: "operator password", role: "operator" }, { actor: { type: "system" } });
      const headers = await browserHeaders(user);
      const sync = async (id: string) => {
        const res = await call(syncRoute.POST, testRequest("POST", `/api/printers/${id}/files/sync?wait=1`, { headers }), { id });
        expect(res.status).toBe(202);
        return res.json();
      };
      expect(await sync(bambuId)).toMatchObject({ status: "succeeded", error: null, counts: { added: expect.any(Number), changed: expect.any(Number), gone: expect.any(Number) } });
      expect(await sync(prusaId)).toMatchObject({ status: "failed", error: "command.notConnected", counts: null });
      const finished = await db.event.findMany({ where: { type: "command.finished", printerId: prusaId } });
      expect(finished.map((e) => JSON.parse(e.payload))).toContainEqual(expect.objectContaining({ type: "files.sync", status: "failed", error: "command.notConnected" }));
    } finally {
      await runner.stop();
      await Promise.all(services.map((s) => s.stop()));
    }
  });
});

describe("upload", () => {
  it("sends a local file to PrusaLink and starts it, and refuses a start while printing", async () => {
    const local = await db.localFile.findFirstOrThrow({ where: { printerFile: { printerId: prusaId } }, orderBy: { createdAt: "asc" } });
    const result = await uploadToPrinter(access, root, prusaId, { localFileId: local.id, start: true });
    expect(result).toEqual({ path: `/usb/${local.name}`, started: true });
    await waitFor(() => prusa.state().state === "PRINTING", "printing the uploaded file");
    await waitFor(() => !access.canStart(prusaId), "printer busy in the worker");
    await expect(uploadToPrinter(access, root, prusaId, { localFileId: local.id, start: true })).rejects.toThrow("command.printerBusy");
    prusa.stop();
  });

  it("sends a local file to the Bambu SD card over FTPS", async () => {
    const local = await db.localFile.findFirstOrThrow({ where: { printerFile: { printerId: bambuId } } });
    const result = await uploadToPrinter(access, root, bambuId, { localFileId: local.id, start: false });
    expect(result.path).toBe(`/${local.name}`);
    expect(await sha256File(path.join(bambu.storageDir, local.name))).toBe(local.sha256);
  });

  it("leaves no half-written file on the printer when the upload breaks off", async () => {
    const name = "broken-off.gcode.3mf";
    // A stored gzip copy cut in half: the printer gets the first part, then reading fails.
    const whole = gzipSync(Buffer.from(Array.from({ length: 3 * 1024 * 1024 }, (_, i) => (i * 7919) % 251)), { level: 0 });
    await writeFile(path.join(root, `${name}.gz`), whole.subarray(0, whole.length >> 1));
    const local = await db.localFile.create({ data: { relativePath: name, name, size: 3 * 1024 * 1024, sha256: "0".repeat(64), compressed: true } });
    await expect(uploadToPrinter(access, root, bambuId, { localFileId: local.id, start: false })).rejects.toThrow();
    await waitFor(() => !existsSync(path.join(bambu.storageDir, name)), "the partial file removed from the printer");
  });

  it("starts plate 2 of an uploaded project on Bambu with the confirmed AMS mapping", async () => {
    const name = "bambu-2-plates.gcode.3mf";
    await copyFile(fixturePath("files", name), path.join(root, name));
    const size = (await stat(path.join(root, name))).size;
    const local = await db.localFile.create({ data: { relativePath: name, name, size, sha256: await sha256File(path.join(root, name)) } });
    await waitFor(() => access.canStart(bambuId), "Bambu idle");
    const result = await uploadToPrinter(access, root, bambuId, { localFileId: local.id, start: true, plate: 2, amsMapping: [-1, 2] });
    expect(result).toEqual({ path: `/${local.name}`, started: true });
    // The simulator feeds from the first mapped tray; the worker sees it as the active slot.
    const active = () => supervisor.session(bambuId)?.current().filament.find((slot) => slot.active)?.id;
    await waitFor(() => active() === "ams0-tray2", "printing from AMS tray 2");
    expect(bambu.state().fileName).toBe(`/${local.name}`);
    bambu.stop();
    await waitFor(() => access.canStart(bambuId), "Bambu idle again");
  });
});

describe("delete on the printer", () => {
  it("DELETE /api/files/{id} removes the file on Bambu and PrusaLink and marks it gone; the file being printed is refused", async () => {
    const runner = new CommandRunner(50);
    const services = fileServices(access, runner);
    runner.start();
    try {
      const user = await createUser({ email: "delete@example.com", name: "Del", password: "operator password", role: "operator" }, { actor: { type: "system" } });
      const headers = await browserHeaders(user);
      const remove = (id: string) => call(fileRoute.DELETE, testRequest("DELETE", `/api/files/${id}`, { headers }), { id });

      const onBambu = await printerFile(bambuId, "/bambu-2-plates.gcode.3mf");
      const bambuResult = await remove(onBambu.id);
      expect(bambuResult.status).toBe(200);
      expect(await bambuResult.json()).toMatchObject({ status: "succeeded", error: null });
      expect(await bambu.printFiles()).not.toContain("/bambu-2-plates.gcode.3mf");
      expect((await db.printerFile.findUniqueOrThrow({ where: { id: onBambu.id } })).goneAt).not.toBeNull();
      expect((await remove(onBambu.id)).status).toBe(404);

      await waitFor(() => access.canStart(prusaId), "PrusaLink idle");
      const [printing, spare] = await prusa.printFiles();
      await prusa.startPrint(printing);
      await waitFor(async () => (await db.printerStatus.findUnique({ where: { printerId: prusaId } }))?.state === "printing", "printing stored");
      const busy = await remove((await printerFile(prusaId, printing)).id);
      expect(busy.status).toBe(409);
      expect(await busy.json()).toMatchObject({ error: { code: "file_in_use" } });
      expect(await prusa.printFiles()).toContain(printing);

      const other = await printerFile(prusaId, spare);
      expect(await (await remove(other.id)).json()).toMatchObject({ status: "succeeded", error: null });
      expect(await prusa.printFiles()).not.toContain(spare);
      expect(await db.event.count({ where: { type: "files.synced", printerId: prusaId, payload: { contains: '"gone":1' } } })).toBeGreaterThan(0);
      prusa.stop();
    } finally {
      await runner.stop();
      await Promise.all(services.map((s) => s.stop()));
    }
  });
});

// A real full volume: a 1 MB tmpfs, which needs root (as CI and `npm run test:deps` assume).
describe("disk full", () => {
  let tiny = "";
  let mounted = false;
  beforeAll(async () => {
    tiny = await mkdtemp(path.join(tmpdir(), "files-tiny-"));
    const { execFileSync } = await import("node:child_process");
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", tiny], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (error) {
      throw new Error(`the disk-full test mounts a 1 MB tmpfs and needs root for it: ${String(error)}`);
    }
    mounted = true;
  });
  afterAll(async () => {
    const { execFileSync } = await import("node:child_process");
    if (mounted) execFileSync("umount", [tiny]);
    await rm(tiny, { recursive: true, force: true });
  });

  it("fails with disk_full on a full volume, only for that download, and removes the .part", async () => {
    const small = new DownloadQueue(access, { root: tiny, maxDownloads: 5, perPrinter: 1, pollMs: 100 });
    await small.start();
    try {
      const large = await prusa.ensureLargeFile(3 * MB);
      const file = await printerFile(prusaId, large.apiPath);
      const row = await downloadOnce(small, file.id, prusaId);
      expect(row).toMatchObject({ status: "failed", error: "disk_full", localFileId: null });
      const left = await readdir(path.join(tiny, ".tmp"));
      expect(left).toEqual([]);
      expect((await stat(tiny)).isDirectory()).toBe(true);
    } finally {
      await small.stop();
    }
  });
});
