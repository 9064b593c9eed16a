import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import net from "node:net";
import path from "node:path";
import tls from "node:tls";
import { Client } from "basic-ftp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulatorCa } from "./certificates";
import { isJsonObject } from "./json";
import { type BambuSimulator, startBambuSimulator } from "./simulator";
import { type ReportListener, clientOptions, connectClient, listenToReports, printOf } from "./test-mqtt-client";

const fast = { mqttPort: 0, ftpPort: 0, cameraPort: 0, printSeconds: 3, prepareSeconds: 0.4, timeScale: 30, reportIntervalMs: 100, idleReportIntervalMs: 200 } as const;

let sim: BambuSimulator;
let listener: ReportListener;

beforeAll(async () => {
  sim = await startBambuSimulator({ ...fast, serial: "03919A00000SIM1", accessCode: "simsim12", model: "A1" });
  listener = await listenToReports(sim);
  // The first report after start; what follows is the reaction to each test's actions.
  await listener.waitFor(() => true);
});
afterAll(async () => {
  await listener?.close();
  await sim?.close();
});

describe("a print, start to finish", () => {
  it("reports PREPARE, RUNNING with rising progress and layers, then FINISH", async () => {
    const since = listener.messages.length;
    await sim.startPrint("/cache/3DBenchy.gcode.3mf");
    await listener.waitFor((m) => printOf(m).gcode_state === "FINISH", 8000, since);
    const reports = listener.messages.slice(since).filter((m): m is Exclude<typeof m, string> => typeof m !== "string").map(printOf);
    const states = reports.map((r) => r.gcode_state).filter((s) => typeof s === "string");
    expect(states).toEqual(["PREPARE", "RUNNING", "FINISH"]);
    const percents = reports.map((r) => r.mc_percent).filter((p): p is number => typeof p === "number");
    expect(percents.length).toBeGreaterThan(5);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
    const remaining = reports.map((r) => r.mc_remaining_time).filter((p): p is number => typeof p === "number");
    expect(remaining[0]).toBe(49);
    expect(remaining.at(-1)).toBe(0);
    const state = sim.state();
    expect(state).toMatchObject({ gcodeState: "FINISH", layer: 240, totalLayers: 240, subtaskName: "3DBenchy.gcode.3mf", fileName: "/cache/3DBenchy.gcode.3mf" });
  });

  it("refuses to start while busy or with a missing file", async () => {
    await sim.startPrint("Kalibrierwürfel 20mm.gcode.3mf");
    await expect(sim.startPrint("3DBenchy.gcode.3mf")).rejects.toThrow(/busy/);
    sim.stop();
    expect(sim.state().gcodeState).toBe("FAILED");
    await expect(sim.startPrint("/cache/missing.gcode.3mf")).rejects.toThrow(/not found/);
  });
});

describe("injected faults", () => {
  it("filament runout pauses with print_error 0x03008015 and an HMS entry; resume continues", async () => {
    await sim.startPrint("3DBenchy.gcode.3mf");
    await listener.waitFor((m) => printOf(m).gcode_state === "RUNNING", 5000, listener.messages.length);
    const since = listener.messages.length;
    sim.injectRunout();
    const paused = printOf(await listener.waitFor((m) => printOf(m).gcode_state === "PAUSE", 3000, since));
    expect(paused.print_error).toBe(50364437);
    expect(paused.hms).toEqual([{ attr: 0x07002000, code: 0x00020001 }]);
    sim.resume();
    const resumed = printOf(await listener.waitFor((m) => printOf(m).gcode_state === "RUNNING", 3000, since));
    expect(resumed.print_error).toBe(0);
    sim.stop();
  });

  it("a failed print ends FAILED with its print_error", async () => {
    await sim.startPrint("3DBenchy.gcode.3mf");
    const since = listener.messages.length;
    sim.injectFailure(0x0c008009);
    const failed = printOf(await listener.waitFor((m) => printOf(m).gcode_state === "FAILED", 3000, since));
    expect(failed.print_error).toBe(0x0c008009);
    expect(() => sim.injectFailure()).toThrow(/no print running/);
  });

  it("an overheating nozzle climbs far above its target", async () => {
    await sim.startPrint("3DBenchy.gcode.3mf");
    sim.injectOverheat();
    const since = listener.messages.length;
    const hot = printOf(
      await listener.waitFor((m) => {
        const p = printOf(m);
        return typeof p.nozzle_temper === "number" && p.nozzle_temper > 300;
      }, 8000, since),
    );
    expect(hot.nozzle_temper).toBeGreaterThan(300);
    expect(sim.state().nozzleTarget).toBe(220);
    sim.stop();
  });

  it("stall: no reports and no answers for a while, then reports again", async () => {
    sim.stall(700);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const since = listener.messages.length;
    listener.request({ pushing: { sequence_id: "0", command: "pushall" } });
    await new Promise((resolve) => setTimeout(resolve, 550));
    expect(listener.messages.length).toBe(since);
    expect(sim.state().stalled).toBe(true);
    await listener.waitFor(() => true, 3000, since);
    expect(sim.state().stalled).toBe(false);
    expect(listener.messages.slice(since).every((m) => typeof m === "string" || printOf(m).msg !== 0)).toBe(true);
  });

  it("sends malformed reports: invalid JSON and wrong types", async () => {
    const since = listener.messages.length;
    sim.sendMalformed("invalid-json");
    sim.sendMalformed("wrong-types");
    await listener.waitFor((m) => typeof printOf(m).nozzle_temper === "string", 3000, since);
    expect(listener.messages.slice(since).some((m) => typeof m === "string")).toBe(true);
  });

  it("disconnects all clients, who can reconnect", async () => {
    const client = await connectClient(clientOptions(sim));
    const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
    sim.disconnectClients();
    await closed;
    await client.endAsync(true);
    const again = await connectClient(clientOptions(sim));
    await again.endAsync(true);
  });

  it("rotates the certificate: new fingerprint, same CA, clients dropped", async () => {
    const peerFingerprint = () =>
      new Promise<string>((resolve, reject) => {
        const socket = tls.connect({ host: sim.host, port: sim.mqttPort, ca: sim.caCertPem, servername: sim.serial }, () => {
          resolve(socket.getPeerCertificate().fingerprint256);
          socket.destroy();
        });
        socket.once("error", reject);
      });
    const before = await peerFingerprint();
    expect(before).toBe(sim.certificateFingerprint());
    const client = await connectClient(clientOptions(sim));
    const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
    const after = sim.rotateCertificate();
    await closed;
    await client.endAsync(true);
    expect(after).not.toBe(before);
    expect(await peerFingerprint()).toBe(after);
  });
});

describe("fleet and models", () => {
  it("shares one CA across printers when given one", async () => {
    const ca = createSimulatorCa();
    const [one, two] = await Promise.all([
      startBambuSimulator({ ...fast, serial: "01P00A00000CA01", accessCode: "cacaca12", model: "P1S", ca }),
      startBambuSimulator({ ...fast, serial: "00M00A00000CA02", accessCode: "cacaca12", model: "X1C", ca }),
    ]);
    try {
      expect(one.caCertPem).toBe(ca.certPem);
      expect(two.caCertPem).toBe(ca.certPem);
      for (const printer of [one, two]) {
        const client = await connectClient(clientOptions(printer, { ca: ca.certPem }));
        await client.endAsync(true);
      }
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("the X1C sends full states (msg 0, with all its AMS units) every time", async () => {
    const x1 = await startBambuSimulator({ ...fast, serial: "00M00A00000X1C1", accessCode: "x1x1x1x1", model: "X1C" });
    const x1Listener = await listenToReports(x1);
    try {
      const report = printOf(await x1Listener.waitFor((m) => printOf(m).command === "push_status", 3000));
      expect(report.msg).toBe(0);
      // The X1C capture this model is built from has four AMS units.
      expect(isJsonObject(report.ams) && Array.isArray(report.ams.ams) && report.ams.ams.length).toBe(4);
      expect(x1Listener.messages.every((m) => typeof m === "string" || printOf(m).msg !== 1)).toBe(true);
    } finally {
      await x1Listener.close();
      await x1.close();
    }
  });

  it("binds to its own loopback address, passive FTP included", async () => {
    const own = await startBambuSimulator({ ...fast, serial: "03919A0000HOST1", accessCode: "hosthost", host: "127.0.0.23" });
    const ftp = new Client(5000);
    try {
      await ftp.access({ host: own.host, port: own.ftpPort, user: "bblp", password: own.accessCode, secure: "implicit", secureOptions: { ca: own.caCertPem, servername: own.serial } });
      expect((await ftp.list("/cache")).length).toBe(3);
      const client = await connectClient(clientOptions(own));
      await client.endAsync(true);
    } finally {
      ftp.close();
      await own.close();
    }
  });

  it("fails to start on a busy port and releases what it opened", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const address = blocker.address();
    const busy = typeof address === "object" && address ? address.port : 0;
    try {
      await expect(startBambuSimulator({ ...fast, serial: "03919A0000BUSY1", accessCode: "busybusy", ftpPort: busy })).rejects.toThrow(/EADDRINUSE/);
      await expect(startBambuSimulator({ ...fast, serial: "03919A0000BUSY2", accessCode: "busybusy", mqttPort: busy })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });

  it("validates its options", async () => {
    await expect(startBambuSimulator({ serial: "bad serial!", accessCode: "x", mqttPort: 0, ftpPort: 0, cameraPort: 0 })).rejects.toThrow();
  });
});

describe("storage", () => {
  it("lists the prefilled prints and makes large files of an exact size, once", async () => {
    expect(await sim.printFiles()).toEqual([
      "/Spulenhalter für Regal.gcode.3mf",
      "/cache/3DBenchy.gcode.3mf",
      "/cache/Gridfinity Box 2x2.gcode.3mf",
      "/cache/Kalibrierwürfel 20mm.gcode.3mf",
    ]);
    const first = await sim.ensureLargeFile(3 * 1024 * 1024 + 5);
    const file = path.join(sim.storageDir, first);
    const { mtimeMs, size } = await stat(file);
    expect(size).toBe(3 * 1024 * 1024 + 5);
    expect(await sim.ensureLargeFile(3 * 1024 * 1024 + 5)).toBe(first);
    expect((await stat(file)).mtimeMs).toBe(mtimeMs);
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 1024 * 1024).equals(bytes.subarray(1024 * 1024, 2 * 1024 * 1024))).toBe(true);
  });

  it("listens on ephemeral ports unless real ones are asked for", async () => {
    const { mqttPort: _m, ftpPort: _f, cameraPort: _c, ...rest } = fast;
    const own = await startBambuSimulator({ ...rest, serial: "03919A0000PORT1", accessCode: "portport" });
    try {
      expect(own.mqttPort).toBeGreaterThan(1024);
      expect(own.ftpPort).toBeGreaterThan(1024);
      expect(own.cameraPort).toBeGreaterThan(1024);
      expect([own.mqttPort, own.ftpPort, own.cameraPort]).not.toContain(8883);
      expect(own.cameraPort).not.toBe(6000);
    } finally {
      await own.close();
    }
  });

  it("removes its temporary storage on close but keeps a given folder", async () => {
    const temp = await startBambuSimulator({ ...fast, serial: "03919A0000TMP01", accessCode: "tmptmp12" });
    const tempDir = temp.storageDir;
    await temp.close();
    expect(existsSync(tempDir)).toBe(false);
    const given = await mkdtemp(path.join(tmpdir(), "bambu-given-"));
    const kept = await startBambuSimulator({ ...fast, serial: "03919A0000TMP02", accessCode: "tmptmp12", storageDir: given });
    await kept.close();
    expect(existsSync(path.join(given, "cache", "3DBenchy.gcode.3mf"))).toBe(true);
    await rm(given, { recursive: true, force: true });
  });
});
