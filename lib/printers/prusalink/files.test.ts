import { createHash } from "node:crypto";
import { PassThrough, Readable, Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { PrinterFailure } from "@/lib/printers/types";
import type { PrusaLinkConnection } from "./kind";
import { PrusaLinkApi } from "./api";
import { PrusaLinkHttpClient } from "./client";
import { failureKeys } from "./failures";
import { downloadFile, fetchThumbnail, listRemoteFiles, uploadFile } from "./files";
import { startFakeFirmware, type FakeFirmware, type FakeFirmwareOptions } from "@/testing/printers/prusalink/fake-firmware";

const PASSWORD = "pw-files";
const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function setup(options: FakeFirmwareOptions = {}): Promise<{ fw: FakeFirmware; api: PrusaLinkApi }> {
  const fw = await startFakeFirmware({ password: PASSWORD, ...options });
  const conn: PrusaLinkConnection = {
    kind: "prusalink",
    host: "127.0.0.1",
    httpPort: fw.port,
    username: "maker",
    password: PASSWORD,
    apiKey: null,
    model: "Core One",
  };
  const client = new PrusaLinkHttpClient(conn);
  open.push(fw, client);
  return { fw, api: new PrusaLinkApi(client) };
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Collects what a download writes; `slow` makes write() report backpressure. */
function sink(slow = false): { stream: Writable; data: () => Buffer; drains: () => number } {
  const chunks: Buffer[] = [];
  let drains = 0;
  const stream = new Writable({
    highWaterMark: slow ? 1024 : 16 * 1024,
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      if (slow) setImmediate(cb);
      else cb();
    },
  });
  stream.on("drain", () => (drains += 1));
  return { stream, data: () => Buffer.concat(chunks), drains: () => drains };
}

describe("listing", () => {
  it("recurses into folders Buddy lists without children", async () => {
    const { api } = await setup();
    const files = await listRemoteFiles(api);
    expect(files.map((f) => [f.path, f.name]).sort()).toEqual([
      ["/usb/BENCHY.GCO", "benchy.gcode"],
      ["/usb/OTHER/DEEP/X.BGC", "x.bgcode"],
      ["/usb/OTHER/PART~1.BGC", "part one.bgcode"],
    ]);
    expect(files.find((f) => f.path === "/usb/BENCHY.GCO")?.modifiedAt?.toISOString()).toBe("2023-08-31T17:14:26.000Z");
  });

  it("stops at the depth limit", async () => {
    const { api } = await setup();
    const files = await listRemoteFiles(api, { maxDepth: 1, maxFolders: 50 });
    expect(files.map((f) => f.path).sort()).toEqual(["/usb/BENCHY.GCO", "/usb/OTHER/PART~1.BGC"]);
  });
});

describe("download", () => {
  it("streams the whole file with backpressure", async () => {
    const { fw, api } = await setup();
    const target = sink(true);
    const progress: number[] = [];
    const result = await downloadFile(api, "/usb/BENCHY.GCO", { offset: 0, write: target.stream, onProgress: (b) => progress.push(b) });
    const original = fw.files.get("/usb/BENCHY.GCO")?.data ?? Buffer.alloc(0);
    expect(result).toEqual({ bytes: original.length, resumed: false });
    expect(sha256(target.data())).toBe(sha256(original));
    expect(target.drains()).toBeGreaterThan(0);
    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(original.length);
  });

  it("resumes with Range after an interrupted transfer (206)", async () => {
    const { fw, api } = await setup();
    const original = fw.files.get("/usb/BENCHY.GCO")?.data ?? Buffer.alloc(0);
    fw.cutDownloadAfter = 100_000;
    const first = sink();
    const failed = await downloadFile(api, "/usb/BENCHY.GCO", { offset: 0, write: first.stream }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(PrinterFailure);
    const partial = first.data();
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(original.length);

    const second = sink();
    const result = await downloadFile(api, "/usb/BENCHY.GCO", { offset: partial.length, write: second.stream });
    expect(result).toEqual({ bytes: original.length, resumed: true });
    expect(sha256(Buffer.concat([partial, second.data()]))).toBe(sha256(original));
  });

  it("restarts from byte 0 when the printer ignores Range (200): resumed=false, progress back at 0", async () => {
    const { fw, api } = await setup({ ignoreRange: true });
    const original = fw.files.get("/usb/BENCHY.GCO")?.data ?? Buffer.alloc(0);
    const target = sink();
    const progress: number[] = [];
    const result = await downloadFile(api, "/usb/BENCHY.GCO", { offset: 5000, write: target.stream, onProgress: (b) => progress.push(b) });
    expect(result).toEqual({ bytes: original.length, resumed: false });
    expect(progress[0]).toBe(0);
    expect(sha256(target.data())).toBe(sha256(original));
  });

  it("does nothing for a file already complete, and refuses a missing one", async () => {
    const { fw, api } = await setup();
    const size = fw.files.get("/usb/OTHER/PART~1.BGC")?.data.length ?? 0;
    const target = sink();
    expect(await downloadFile(api, "/usb/OTHER/PART~1.BGC", { offset: size, write: target.stream })).toEqual({ bytes: size, resumed: true });
    expect(target.data().length).toBe(0);
    const missing = await downloadFile(api, "/usb/NOPE.BGC", { offset: 0, write: target.stream }).catch((e: unknown) => e);
    expect(missing instanceof PrinterFailure && missing.message).toBe(failureKeys.fileNotFound);
  });

  it("stops when the caller aborts", async () => {
    const { api } = await setup({ latencyMs: 50 });
    const controller = new AbortController();
    const target = sink();
    const pending = downloadFile(api, "/usb/BENCHY.GCO", { offset: 0, write: target.stream, signal: controller.signal });
    setTimeout(() => controller.abort(), 80);
    await expect(pending).rejects.toBeDefined();
  });
});

describe("upload and thumbnails", () => {
  it("streams a PUT with Print-After-Upload and Overwrite", async () => {
    const { fw, api } = await setup();
    const body = Buffer.alloc(70_000, 7);
    const source = new PassThrough();
    setTimeout(() => source.end(body), 10);
    await uploadFile(api, "/usb/NEW.BGC", source, body.length, { printAfterUpload: true, overwrite: false });
    expect(fw.stats.uploads).toEqual([{ path: "/usb/NEW.BGC", printAfterUpload: "?1", overwrite: "?0", bytes: body.length }]);
    expect(fw.printer.state).toBe("PRINTING");
    const again = await uploadFile(api, "/usb/NEW.BGC", Readable.from([body]), body.length, { printAfterUpload: false, overwrite: false }).catch(
      (e: unknown) => e,
    );
    expect(again instanceof PrinterFailure && again.message).toBe(failureKeys.fileConflict);
  });

  it("puts bare names on the default storage", async () => {
    const { fw, api } = await setup();
    await api.snapshot();
    await uploadFile(api, "plain name.bgcode", Readable.from([Buffer.from("G28\n")]), 4, { printAfterUpload: false, overwrite: true });
    expect(fw.files.has("/usb/plain name.bgcode")).toBe(true);
  });

  it("fetches the large thumbnail, null when there is none", async () => {
    const { fw, api } = await setup();
    expect((await fetchThumbnail(api, "/usb/BENCHY.GCO"))?.subarray(0, 4).toString("hex")).toBe("89504e47");
    expect(await fetchThumbnail(api, "/usb/NOPE.BGC")).toBeNull();
    expect(fw.stats.paths).toContain("GET /thumb/l/usb/BENCHY.GCO");
  });
});
