import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { Readable, Writable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startPrusaLinkSimulator, type PrusaLinkSimulator } from "@/sim/prusalink";
import { PrinterFailure, type NormalizedState } from "@/lib/printers/types";
import type { PrusaLinkConnection } from "./kind";
import { startCountingProxy, type CountingProxy } from "./counting-proxy";
import { PrusaLinkDriver } from "./driver";
import { failureKeys } from "./failures";
import { testPrusaLinkConnection } from "./probe";

/**
 * The driver against the PrusaLink simulator over real sockets, through a proxy that
 * counts concurrent requests.
 */

const password = "Hq4Tn8Wr2Ks6Pz3";
const fastPolling = {
  idleIntervalMs: 100,
  printingIntervalMs: 100,
  afterCommandIntervalMs: 20,
  backoffBaseMs: 50,
  backoffMaxMs: 400,
  maxBoardShare: 0.5,
};

let sim: PrusaLinkSimulator;
let proxy: CountingProxy;
const drivers: PrusaLinkDriver[] = [];

function connection(overrides: Partial<PrusaLinkConnection> = {}): PrusaLinkConnection {
  return { kind: "prusalink", host: "127.0.0.1", httpPort: proxy.port, username: "maker", password, apiKey: null, model: "Core One", ...overrides };
}

function driver(overrides: Partial<PrusaLinkConnection> = {}): PrusaLinkDriver {
  const d = new PrusaLinkDriver(connection(overrides), { poll: fastPolling, http: { requestTimeoutMs: 3_000 } });
  drivers.push(d);
  return d;
}

function waitForState(d: PrusaLinkDriver, what: string, predicate: (s: NormalizedState) => boolean, timeoutMs = 10_000): Promise<NormalizedState> {
  return new Promise((resolve, reject) => {
    if (predicate(d.current())) return resolve(d.current());
    const timer = setTimeout(() => {
      d.off("state", listener);
      reject(new Error(`never ${what}; last state ${JSON.stringify(d.current())}`));
    }, timeoutMs);
    const listener = (s: NormalizedState) => {
      if (!predicate(s)) return;
      clearTimeout(timer);
      d.off("state", listener);
      resolve(s);
    };
    d.on("state", listener);
  });
}

/** Retries a command the slow board answered with a temporary failure (503, dropped connection). */
async function persist(action: () => Promise<void>, attempts = 20): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await action();
    } catch (err) {
      if (!(err instanceof PrinterFailure) || err.kind !== "temporary" || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

function collector(onWrite?: (total: number) => void): { stream: Writable; data: () => Buffer } {
  const chunks: Buffer[] = [];
  let total = 0;
  const stream = new Writable({
    highWaterMark: 8 * 1024,
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      total += chunk.length;
      onWrite?.(total);
      setImmediate(cb);
    },
  });
  return { stream, data: () => Buffer.concat(chunks) };
}

beforeAll(async () => {
  sim = await startPrusaLinkSimulator({ model: "Core One", flavour: "buddy", password, printSeconds: 900, nonceTtlMs: 1_500 });
  proxy = await startCountingProxy(sim.port);
});

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.stop()));
  sim.setSlow(null);
  const s = sim.state().state;
  if (s !== "IDLE") {
    sim.stop();
    sim.acknowledge();
  }
});

afterAll(async () => {
  expect(proxy.stats.maxInFlight).toBe(1);
  await proxy.close();
  await sim.close();
});

describe("PrusaLink driver against the simulator (Core One, Buddy)", () => {
  it("connects with Digest and reports idle", async () => {
    const d = driver();
    const online: boolean[] = [];
    d.on("connection", (o) => online.push(o));
    d.start();
    const s = await waitForState(d, "idle", (x) => x.online && x.state === "idle");
    expect(s.nozzle.current).not.toBeNull();
    expect(online).toEqual([true]);
  });

  it("starts a file, then pauses, resumes and stops it by job id", async () => {
    const d = driver();
    d.start();
    await waitForState(d, "online", (x) => x.online);
    const [file] = await sim.printFiles();
    await d.command({ action: "start", path: file });
    const printing = await waitForState(d, "printing", (x) => x.state === "printing" && x.printerJobId !== null);
    expect(printing.jobName).toBeTruthy();
    expect(String(sim.state().currentJobId ?? "")).toBe(printing.printerJobId);

    await d.command({ action: "pause" });
    await waitForState(d, "paused", (x) => x.state === "paused");
    const conflict = await d.command({ action: "pause" }).catch((e: unknown) => e);
    expect(conflict instanceof PrinterFailure && conflict.message).toBe(failureKeys.jobWrongState);
    await d.command({ action: "resume" });
    await waitForState(d, "printing again", (x) => x.state === "printing");
    await d.command({ action: "stop" });
    await waitForState(d, "cancelled", (x) => x.state === "cancelled");
  });

  it("shows a filament runout as paused with an attention error", async () => {
    const d = driver();
    d.start();
    await waitForState(d, "online", (x) => x.online);
    const [file] = await sim.printFiles();
    await sim.startPrint(file);
    await waitForState(d, "printing", (x) => x.state === "printing");
    expect(sim.injectRunout()).toBe(true);
    const s = await waitForState(d, "attention", (x) => x.errors.some((e) => e.code === "ATTENTION"));
    expect(s.state).toBe("paused");
    expect(s.errors).toEqual([expect.objectContaining({ code: "ATTENTION", messageKey: "prusalink.attention" })]);
    // Filament has to be loaded at the printer: resuming over the API is refused, with a clear reason.
    const refused = await d.command({ action: "resume" }).catch((e: unknown) => e);
    expect(refused instanceof PrinterFailure && refused.message).toBe(failureKeys.jobWrongState);
    expect(sim.resume()).toBe(true);
    await waitForState(d, "printing after runout", (x) => x.state === "printing" && x.errors.length === 0);
  });

  it("lists every print file, folders included", async () => {
    const d = driver();
    const files = await d.listFiles();
    const paths = new Set(files.map((f) => f.path));
    const expected = await sim.printFiles();
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.filter((p) => p.split("/").length > 3).length).toBeGreaterThan(0);
    for (const p of expected) expect(paths.has(p), `${p} missing from ${[...paths].join(", ")}`).toBe(true);
  });

  it("downloads with a Range resume after an interruption; the bytes equal the file on disk", async () => {
    const large = await sim.ensureLargeFile(3 * 1024 * 1024);
    const d = driver();
    const controller = new AbortController();
    const first = collector((total) => {
      if (total >= 1024 * 1024) controller.abort();
    });
    const interrupted = await d.download(large.apiPath, { offset: 0, write: first.stream, signal: controller.signal }).catch((e: unknown) => e);
    expect(interrupted).toBeInstanceOf(Error);
    const partial = first.data();
    expect(partial.length).toBeGreaterThanOrEqual(1024 * 1024);
    expect(partial.length).toBeLessThan(large.size);

    const second = collector();
    const result = await d.download(large.apiPath, { offset: partial.length, write: second.stream });
    expect(result).toEqual({ bytes: large.size, resumed: true });
    const onDisk = await readFile(large.diskPath);
    expect(sha256(Buffer.concat([partial, second.data()]))).toBe(sha256(onDisk));
  });

  it("uploads with print-after-upload and the printer starts it", async () => {
    const d = driver();
    d.start();
    await waitForState(d, "idle", (x) => x.online && x.state === "idle");
    const source = (await sim.ensureLargeFile(200_000)).diskPath;
    const size = (await stat(source)).size;
    const name = "Upload-Test_0.4n_0.2mm_PLA_COREONE_1h.gcode";
    await d.upload(`/usb/${name}`, createReadStream(source), size, { printAfterUpload: true });
    const s = await waitForState(d, "printing the upload", (x) => x.state === "printing");
    expect(s.jobName).toBe(name);
    const listed = await d.listFiles();
    expect(listed.some((f) => f.name === name)).toBe(true);
  });

  it("re-authenticates when the nonce goes stale while polling", async () => {
    const d = driver();
    const offline: boolean[] = [];
    d.on("connection", (online) => !online && offline.push(online));
    d.start();
    await waitForState(d, "online", (x) => x.online);
    const unauthorizedBefore = proxy.stats.statuses[401] ?? 0;
    await new Promise((r) => setTimeout(r, 2_000));
    const [file] = await sim.printFiles();
    await sim.startPrint(file);
    await waitForState(d, "printing", (x) => x.state === "printing");
    expect((proxy.stats.statuses[401] ?? 0) - unauthorizedBefore).toBeGreaterThan(0);
    expect(offline).toEqual([]);
  });

  it("converges on a slow, flaky board without overlapping requests", async () => {
    const d = driver();
    d.start();
    await waitForState(d, "online", (x) => x.online);
    const before = proxy.stats.requests;
    const troubleBefore = (proxy.stats.statuses[503] ?? 0) + proxy.stats.dropped;
    sim.setSlow({ latencyMs: 60, errorRate: 0.25, dropRate: 0.1, seed: 7 });
    const [file] = await sim.printFiles();
    await sim.startPrint(file);
    await waitForState(d, "printing on a slow board", (x) => x.online && x.state === "printing", 20_000);
    await persist(() => d.command({ action: "pause" }));
    await waitForState(d, "paused on a slow board", (x) => x.online && x.state === "paused", 20_000);
    expect(proxy.stats.requests - before).toBeGreaterThan(3);
    expect((proxy.stats.statuses[503] ?? 0) + proxy.stats.dropped - troubleBefore).toBeGreaterThan(0);
    expect(proxy.stats.maxInFlight).toBe(1);
  });

  it("a stalled board goes offline once and comes back once", async () => {
    // Straight to the simulator: a timed-out request would linger in the counting proxy.
    const d = new PrusaLinkDriver(
      { kind: "prusalink", host: "127.0.0.1", httpPort: sim.port, username: "maker", password, apiKey: null, model: "Core One" },
      { poll: { ...fastPolling, offlineAfterFailures: 2 }, http: { requestTimeoutMs: 300 } },
    );
    drivers.push(d);
    const connection: [boolean, string | undefined][] = [];
    d.on("connection", (online, f) => connection.push([online, f?.stage]));
    d.start();
    await waitForState(d, "online", (x) => x.online);
    sim.stall(1_500);
    await waitForState(d, "offline", (x) => !x.online);
    await waitForState(d, "back online", (x) => x.online, 10_000);
    expect(connection).toEqual([
      [true, undefined],
      [false, "timeout"],
      [true, undefined],
    ]);
  });

  it("streams an upload from a plain Readable", async () => {
    const d = driver();
    const body = Buffer.from("; generated\nG28\nG1 X10 Y10\n");
    await d.upload("/usb/Plain_0.4n_0.2mm_PLA_COREONE_1m.gcode", Readable.from([body]), body.length);
    const listed = await d.listFiles();
    expect(listed.some((f) => f.name === "Plain_0.4n_0.2mm_PLA_COREONE_1m.gcode")).toBe(true);
  });

  it("deletes a file; the file being printed is refused as busy", async () => {
    const d = driver();
    const body = Buffer.from("; generated\nG28\n");
    const name = "Delete-Me_0.4n_0.2mm_PLA_COREONE_1m.gcode";
    await d.upload(`/usb/${name}`, Readable.from([body]), body.length);
    await d.deleteFile(`/usb/${name}`);
    expect((await d.listFiles()).some((f) => f.name === name)).toBe(false);
    d.start();
    await waitForState(d, "online", (x) => x.online);
    const [file] = await sim.printFiles();
    await sim.startPrint(file);
    await waitForState(d, "printing", (x) => x.state === "printing");
    await expect(d.deleteFile(file)).rejects.toMatchObject({ message: failureKeys.fileBusy });
    expect((await d.listFiles()).some((f) => f.path === file)).toBe(true);
  });
});

describe("test-connection against the simulator", () => {
  it("ok with the right password", async () => {
    const result = await testPrusaLinkConnection(connection());
    expect(result).toMatchObject({ ok: true, api: "v1" });
  });

  it("wrong port → tcp; wrong password → auth", async () => {
    const unused = await startCountingProxy(1);
    const port = unused.port;
    await unused.close();
    expect(await testPrusaLinkConnection(connection({ httpPort: port }))).toEqual({ ok: false, stage: "tcp", message: failureKeys.unreachable });
    expect(await testPrusaLinkConnection(connection({ password: "wrong-password" }))).toEqual({ ok: false, stage: "auth", message: failureKeys.auth });
  });
});

describe("PrusaLink driver against the simulator (Pi Prusa-Link)", () => {
  it("connects, reads state and lists both storages", async () => {
    const pi = await startPrusaLinkSimulator({ flavour: "pi", password, printSeconds: 900 });
    try {
      const d = new PrusaLinkDriver(
        { kind: "prusalink", host: "127.0.0.1", httpPort: pi.port, username: "maker", password, apiKey: null, model: "MK3S" },
        { poll: fastPolling },
      );
      drivers.push(d);
      d.start();
      await waitForState(d, "idle", (x) => x.online && x.state === "idle");
      const files = await d.listFiles();
      const expected = await pi.printFiles();
      expect(files.length).toBeGreaterThanOrEqual(expected.length);
      const [file] = expected;
      await pi.startPrint(file);
      const s = await waitForState(d, "printing", (x) => x.state === "printing");
      expect(s.printerJobId).not.toBeNull();
      // The job's file is named the way the listing names it (storage path, not display name).
      expect(files.map((f) => f.path)).toContain(s.fileName);
      await d.stop();
    } finally {
      await pi.close();
    }
  });
});
