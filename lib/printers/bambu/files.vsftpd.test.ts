import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { PassThrough, Readable, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BambuConnection } from "./kind";
import { BambuFiles } from "./files";
import { requireVsftpd, startVsftpd, type RunningVsftpd } from "@/testing/printers/bambu/vsftpd";

/**
 * Against Debian's vsftpd 3.0.3, the server the printers run, with implicit TLS and
 * require_ssl_reuse=YES: a client that does not resume the TLS session on data
 * connections fails here just as it fails on a printer.
 */


const serial = "01S00C000000042";
const big = randomBytes(3 * 1024 * 1024 + 123);
const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");

const files = {
  "cache/Mein Teil – Größe 2.gcode.3mf": big,
  "cache/plain.gcode": "G28\n",
  "cache/notes.txt": "not a print file",
  "model/bracket.3mf": "3mf bytes",
  "uploaded.gcode.3mf": "root upload",
  "timelapse/video_2026-01-01.avi": "avi",
  "timelapse/thumb.jpg": "jpg",
};

function settings(server: RunningVsftpd, overrides: Partial<BambuConnection> = {}) {
  return { host: "127.0.0.1", ftpPort: server.port, serial, accessCode: "12345678", tls: "custom-ca" as const, caCert: server.pki.caPem, ...overrides };
}

function collector() {
  const chunks: Buffer[] = [];
  const write = new PassThrough();
  write.on("data", (chunk: Buffer) => chunks.push(chunk));
  return { write, bytes: () => Buffer.concat(chunks) };
}

describe("FTPS against vsftpd (printer-like)", () => {
  requireVsftpd();
  let server: RunningVsftpd;
  let a1mini: RunningVsftpd;
  let noTimelapse: RunningVsftpd;

  beforeAll(async () => {
    [server, a1mini, noTimelapse] = await Promise.all([
      startVsftpd({ serial, files }),
      startVsftpd({ serial, files, deniedCommands: ["REST", "FEAT"] }),
      startVsftpd({ serial, files: { "cache/a.gcode.3mf": "x" }, folders: [] }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([server?.close(), a1mini?.close(), noTimelapse?.close()]);
  });

  it("lists print files and timelapse videos, with spaces and non-ASCII names", async () => {
    const listing = await new BambuFiles(settings(server)).list();
    expect(listing.map((file) => file.path).sort()).toEqual(
      ["/cache/Mein Teil – Größe 2.gcode.3mf", "/cache/plain.gcode", "/model/bracket.3mf", "/timelapse/video_2026-01-01.avi", "/uploaded.gcode.3mf"].sort(),
    );
    const bigFile = listing.find((file) => file.name.startsWith("Mein Teil"));
    expect(bigFile?.size).toBe(big.length);
    expect(bigFile?.modifiedAt).toBeInstanceOf(Date);
    expect(Math.abs((bigFile?.modifiedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(2 * 24 * 3600 * 1000);
  });

  it("copes with missing folders", async () => {
    const listing = await new BambuFiles(settings(noTimelapse)).list();
    expect(listing.map((file) => file.path)).toEqual(["/cache/a.gcode.3mf"]);
  });

  it("downloads a file with TLS session reuse, byte for byte", async () => {
    const target = collector();
    const progress: number[] = [];
    const result = await new BambuFiles(settings(server)).download("/cache/Mein Teil – Größe 2.gcode.3mf", {
      offset: 0,
      write: target.write,
      onProgress: (bytes) => progress.push(bytes),
    });
    expect(result).toEqual({ bytes: big.length, resumed: false });
    expect(sha(target.bytes())).toBe(sha(big));
    expect(progress.at(-1)).toBe(big.length);
    expect(target.write.writableEnded).toBe(false);
  });

  it("resumes with REST where the server allows it", async () => {
    const offset = 1_000_001;
    const target = collector();
    const result = await new BambuFiles(settings(server)).download("/cache/Mein Teil – Größe 2.gcode.3mf", { offset, write: target.write });
    expect(result).toEqual({ bytes: big.length, resumed: true });
    expect(sha(Buffer.concat([big.subarray(0, offset), target.bytes()]))).toBe(sha(big));
  });

  it("restarts when REST is refused (A1 mini) and still delivers only the missing part", async () => {
    const offset = 777_777;
    const target = collector();
    const result = await new BambuFiles(settings(a1mini)).download("/cache/Mein Teil – Größe 2.gcode.3mf", { offset, write: target.write });
    expect(result).toEqual({ bytes: big.length, resumed: false });
    expect(target.bytes().length).toBe(big.length - offset);
    expect(sha(Buffer.concat([big.subarray(0, offset), target.bytes()]))).toBe(sha(big));
  });

  it("uploads with STOR and confirms the size", async () => {
    const content = randomBytes(200_000);
    const ftp = new BambuFiles(settings(server));
    await ftp.upload("/cache/neu ä.gcode.3mf", Readable.from([content]), content.length);
    expect(sha(readFileSync(path.join(server.root, "cache", "neu ä.gcode.3mf")))).toBe(sha(content));
    expect((await ftp.list()).some((file) => file.path === "/cache/neu ä.gcode.3mf")).toBe(true);
  });

  it("an upload shorter than announced is reported", async () => {
    await expect(new BambuFiles(settings(server)).upload("/cache/short.3mf", Readable.from([Buffer.from("abc")]), 10)).rejects.toMatchObject({
      message: "bambu.failure.uploadIncomplete",
    });
  });

  it("runs one FTP session at a time: a list waits for a slow download", async () => {
    const ftp = new BambuFiles(settings(server));
    const finished: string[] = [];
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write: (_chunk, _encoding, done) => setTimeout(done, 2),
    });
    const download = ftp.download("/cache/Mein Teil – Größe 2.gcode.3mf", { offset: 0, write: slow }).then(() => finished.push("download"));
    const list = ftp.list().then(() => finished.push("list"));
    await Promise.all([download, list]);
    expect(finished).toEqual(["download", "list"]);
  });

  it("a missing file is a permanent failure", async () => {
    await expect(new BambuFiles(settings(server)).download("/cache/nope.3mf", { offset: 0, write: new PassThrough() })).rejects.toMatchObject({
      kind: "permanent",
      message: "bambu.failure.fileNotFound",
    });
  });

  it("a certificate from another CA fails at the TLS stage", async () => {
    await expect(new BambuFiles(settings(server, { caCert: server.pki.otherCaPem })).list()).rejects.toMatchObject({ kind: "permanent", stage: "tls" });
  });

  it("a certificate for another serial fails at the TLS stage", async () => {
    await expect(new BambuFiles(settings(server, { serial: "01S00C000000099" })).list()).rejects.toMatchObject({
      stage: "tls",
      message: "bambu.failure.serialMismatch",
    });
  });

  it("the Bambu CA bundle does not trust a foreign server", async () => {
    await expect(new BambuFiles(settings(server, { tls: "verify", caCert: null })).list()).rejects.toMatchObject({ stage: "tls" });
  });

  it("insecure mode connects without verification, only when chosen", async () => {
    const listing = await new BambuFiles(settings(server, { tls: "insecure", caCert: null, serial: "whatever" })).list();
    expect(listing.length).toBeGreaterThan(0);
  });
});

describe("a printer listing 100,000 files", () => {
  requireVsftpd();
  let crowded: RunningVsftpd;

  beforeAll(async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 100_000; i++) many[`cache/part-${String(i).padStart(6, "0")}.gcode.3mf`] = "";
    crowded = await startVsftpd({ serial, files: many });
  }, 120_000);
  afterAll(async () => crowded?.close());

  const timings = (limits: { maxListingEntries: number; maxListingBytes: number }) => ({ timeoutMs: 30_000, ...limits });

  it("is refused at the byte cap before the whole text is read", async () => {
    const files = new BambuFiles(settings(crowded), timings({ maxListingEntries: 1_000_000, maxListingBytes: 1024 * 1024 }));
    await expect(files.list()).rejects.toMatchObject({ kind: "permanent", message: "bambu.failure.listingTooLarge" });
  }, 60_000);

  it("is refused at the entry cap when the byte cap is raised", async () => {
    const files = new BambuFiles(settings(crowded), timings({ maxListingEntries: 10_000, maxListingBytes: 64 * 1024 * 1024 }));
    await expect(files.list()).rejects.toMatchObject({ kind: "permanent", message: "bambu.failure.listingTooLarge" });
  }, 60_000);

  it("is read whole when the limits allow it", async () => {
    const files = new BambuFiles(settings(crowded), timings({ maxListingEntries: 100_000, maxListingBytes: 64 * 1024 * 1024 }));
    expect(await files.list()).toHaveLength(100_000);
  }, 60_000);
});
