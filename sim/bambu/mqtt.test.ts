import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ErrorWithSubackPacket } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireTool } from "@/testing/tools";
import { commandVerificationFailed } from "./commands";
import { isJsonObject } from "./json";
import { developerModeOffBit } from "./report-builder";
import { type BambuSimulator, startBambuSimulator } from "./simulator";
import { type ReportListener, clientOptions, connectClient, listenToReports, printOf } from "./test-mqtt-client";

const run = promisify(execFile);
let sim: BambuSimulator;
let listener: ReportListener;

beforeAll(async () => {
  sim = await startBambuSimulator({
    serial: "03919A3A2400123",
    accessCode: "a1b2c3d4",
    model: "A1",
    mqttPort: 0,
    ftpPort: 0,
    cameraPort: 0,
    printSeconds: 4,
    prepareSeconds: 0.5,
    timeScale: 20,
    reportIntervalMs: 100,
    idleReportIntervalMs: 200,
  });
  listener = await listenToReports(sim);
});

afterAll(async () => {
  await listener?.close();
  await sim?.close();
});

describe("mqtt.js over TLS against the simulator", () => {
  it("answers pushall with a full snapshot (msg 0)", async () => {
    const since = listener.messages.length;
    listener.request({ pushing: { sequence_id: "0", command: "pushall", version: 1, push_target: 1 } });
    const full = printOf(await listener.waitFor((m) => printOf(m).msg === 0, 3000, since));
    expect(full.command).toBe("push_status");
    expect(full.gcode_state).toBe("IDLE");
    expect(isJsonObject(full.ams) && Array.isArray(full.ams.ams)).toBe(true);
    expect(typeof full.nozzle_temper).toBe("number");
    expect(full.lights_report).toEqual([{ node: "chamber_light", mode: "off" }]);
  });

  it("keeps sending deltas (msg 1) with drifting readings", async () => {
    const since = listener.messages.length;
    const first = printOf(await listener.waitFor((m) => printOf(m).msg === 1, 3000, since));
    const second = printOf(await listener.waitFor((m) => printOf(m).msg === 1 && printOf(m).sequence_id !== first.sequence_id, 3000, since));
    for (const delta of [first, second]) {
      expect(delta.command).toBe("push_status");
      expect(typeof delta.sequence_id).toBe("string");
      expect(typeof delta.wifi_signal).toBe("string");
      expect(typeof delta.nozzle_temper).toBe("number");
      expect(delta.ams === undefined || (isJsonObject(delta.ams) && !("ams" in delta.ams))).toBe(true);
    }
    expect(Number(second.sequence_id)).toBeGreaterThan(Number(first.sequence_id));
  });

  it("acknowledges pause with the caller's sequence_id and reports PAUSE", async () => {
    await sim.startPrint("3DBenchy.gcode.3mf");
    await listener.waitFor((m) => printOf(m).gcode_state === "RUNNING", 5000);
    const since = listener.messages.length;
    listener.request({ print: { sequence_id: "5", command: "pause", param: "" } });
    const ack = printOf(await listener.waitFor((m) => printOf(m).command === "pause", 3000, since));
    expect(ack).toMatchObject({ command: "pause", sequence_id: "5", result: "success", reason: "" });
    await listener.waitFor((m) => printOf(m).gcode_state === "PAUSE", 3000, since);
    expect(sim.state().gcodeState).toBe("PAUSE");
    listener.request({ print: { sequence_id: "6", command: "resume", param: "" } });
    await listener.waitFor((m) => printOf(m).command === "resume" && printOf(m).result === "success", 3000, since);
    await listener.waitFor((m) => printOf(m).gcode_state === "RUNNING", 3000, since);
    listener.request({ print: { sequence_id: "7", command: "stop", param: "" } });
    const failed = printOf(await listener.waitFor((m) => printOf(m).gcode_state === "FAILED", 3000, since));
    expect(failed.print_error).toBe(0x0300400c);
  });

  it("starts a project_file from storage and refuses one while busy or missing", async () => {
    let since = listener.messages.length;
    listener.request({
      print: {
        sequence_id: "20",
        command: "project_file",
        param: "Metadata/plate_1.gcode",
        url: "ftp:///cache/Kalibrierwürfel 20mm.gcode.3mf",
        md5: "",
        subtask_name: "Kalibrierwürfel",
        task_id: "0",
        subtask_id: "0",
        project_id: "0",
        profile_id: "0",
        bed_type: "auto",
        timelapse: false,
        use_ams: true,
        ams_mapping: [2],
      },
    });
    const ack = printOf(await listener.waitFor((m) => printOf(m).command === "project_file", 3000, since));
    expect(ack).toMatchObject({ sequence_id: "20", result: "success" });
    const prepare = printOf(await listener.waitFor((m) => printOf(m).gcode_state === "PREPARE", 3000, since));
    expect(prepare.subtask_name).toBe("Kalibrierwürfel");
    expect(prepare.gcode_file).toBe("/cache/Kalibrierwürfel 20mm.gcode.3mf");
    expect(isJsonObject(prepare.ams) && prepare.ams.tray_now).toBe("2");
    since = listener.messages.length;
    listener.request({ print: { sequence_id: "21", command: "project_file", param: "Metadata/plate_1.gcode", url: "file:///sdcard/cache/3DBenchy.gcode.3mf" } });
    const busy = printOf(await listener.waitFor((m) => printOf(m).sequence_id === "21", 3000, since));
    expect(busy.result).toBe("failed");
    expect(busy.reason).toMatch(/busy/);
    sim.stop();
    listener.request({ print: { sequence_id: "22", command: "project_file", param: "Metadata/plate_1.gcode", url: "ftp:///cache/nope.gcode.3mf" } });
    const missing = printOf(await listener.waitFor((m) => printOf(m).sequence_id === "22", 3000, since));
    expect(missing).toMatchObject({ result: "failed", reason: "file not found: /cache/nope.gcode.3mf" });
    listener.request({ print: { sequence_id: "23", command: "project_file", param: "Metadata/plate_1.gcode", url: "file:///sdcard/cache/3DBenchy.gcode.3mf" } });
    expect(printOf(await listener.waitFor((m) => printOf(m).sequence_id === "23", 3000, since)).result).toBe("success");
    sim.stop();
  });

  it("switches the chamber light and reports it in lights_report", async () => {
    const since = listener.messages.length;
    listener.request({
      system: { sequence_id: "30", command: "ledctrl", led_node: "chamber_light", led_mode: "on", led_on_time: 500, led_off_time: 500, loop_times: 0, interval_time: 0 },
    });
    const ack = await listener.waitFor((m) => isJsonObject(m.system) && m.system.sequence_id === "30", 3000, since);
    expect(ack.system).toMatchObject({ command: "ledctrl", led_mode: "on", result: "success" });
    const report = printOf(await listener.waitFor((m) => Array.isArray(printOf(m).lights_report), 3000, since));
    expect(report.lights_report).toEqual([{ node: "chamber_light", mode: "on" }]);
    expect(sim.state().lightOn).toBe(true);
  });

  it("acknowledges gcode_line and applies temperatures", async () => {
    const since = listener.messages.length;
    listener.request({ print: { sequence_id: "40", command: "gcode_line", param: "M140 S45\n" } });
    expect(printOf(await listener.waitFor((m) => printOf(m).sequence_id === "40", 3000, since)).result).toBe("success");
    expect(sim.state().bedTarget).toBe(45);
    listener.request({ print: { sequence_id: "41", command: "gcode_line", param: "M140 S0\n" } });
    await listener.waitFor((m) => printOf(m).sequence_id === "41", 3000, since);
  });

  it("answers get_version like the A1 with the caller's sequence_id", async () => {
    const since = listener.messages.length;
    listener.request({ info: { sequence_id: "50", command: "get_version" } });
    const answer = await listener.waitFor((m) => isJsonObject(m.info), 3000, since);
    expect(answer.info).toMatchObject({ command: "get_version", sequence_id: "50", result: "success" });
    const modules = isJsonObject(answer.info) && Array.isArray(answer.info.module) ? answer.info.module : [];
    expect(modules[0]).toMatchObject({ name: "ota", project_name: "N2S", sn: sim.serial });
  });

  it("without Developer mode refuses control with err_code 84033543 and flags `fun`, reads still work", async () => {
    sim.setDeveloperMode(false);
    try {
      const since = listener.messages.length;
      listener.request({ print: { sequence_id: "60", command: "pause", param: "" } });
      const refused = printOf(await listener.waitFor((m) => printOf(m).sequence_id === "60", 3000, since));
      expect(refused).toMatchObject({ command: "pause", err_code: commandVerificationFailed, result: "failed" });
      listener.request({ pushing: { sequence_id: "0", command: "pushall" } });
      const full = printOf(await listener.waitFor((m) => printOf(m).msg === 0, 3000, since));
      expect(typeof full.fun === "string" && (BigInt(`0x${full.fun}`) & developerModeOffBit) !== 0n).toBe(true);
      listener.request({ system: { sequence_id: "61", command: "ledctrl", led_node: "chamber_light", led_mode: "off" } });
      const light = await listener.waitFor((m) => isJsonObject(m.system) && m.system.sequence_id === "61", 3000, since);
      expect(light.system).toMatchObject({ err_code: commandVerificationFailed });
    } finally {
      sim.setDeveloperMode(true);
    }
  });

  it("lets a client subscribe only to its report topic and publish only to the request topic", async () => {
    const client = await connectClient(clientOptions(sim));
    try {
      const topics = ["device/+/report", "#", `device/${sim.serial}/request`, `device/${sim.serial}/report`];
      const refusal = await client.subscribeAsync(topics).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(ErrorWithSubackPacket);
      expect(refusal instanceof ErrorWithSubackPacket && refusal.packet.granted).toEqual([128, 128, 128, 0]);
      const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
      client.publish(`device/${sim.serial}/report`, "{}", { qos: 1 });
      await closed;
    } finally {
      await client.endAsync(true);
    }
  });
});

describe("who may connect", () => {
  it("refuses a wrong access code with CONNACK 5", async () => {
    await expect(connectClient(clientOptions(sim, { password: "wrong000" }))).rejects.toMatchObject({ code: 5 });
    await expect(connectClient(clientOptions(sim, { username: "admin" }))).rejects.toMatchObject({ code: 5 });
  });

  it("refuses a client that does not trust the simulator CA or asks for another name", async () => {
    await expect(connectClient(clientOptions(sim, { ca: undefined }))).rejects.toThrow();
    await expect(connectClient(clientOptions(sim, { servername: "01P00A000000000" }))).rejects.toThrow(/altnames|does not match|Hostname/i);
  });

  it("refuses a 5th concurrent client when the limit is 4", async () => {
    const others = [await connectClient(clientOptions(sim)), await connectClient(clientOptions(sim)), await connectClient(clientOptions(sim))];
    try {
      expect(sim.state().mqttClients).toBe(4);
      await expect(connectClient(clientOptions(sim))).rejects.toMatchObject({ code: 3 });
      await others[0].endAsync(true);
      await new Promise((resolve) => setTimeout(resolve, 100));
      others[0] = await connectClient(clientOptions(sim));
    } finally {
      await Promise.all(others.map((c) => c.endAsync(true)));
    }
  });
});

describe("mosquitto clients", () => {
  requireTool("/usr/bin/mosquitto_sub", "mosquitto-clients");
  requireTool("/usr/bin/mosquitto_pub", "mosquitto-clients");
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "bambu-mosq-"));
    await writeFile(path.join(dir, "ca.pem"), sim.caCertPem);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // --insecure skips only the host name check (the printer's CN is its serial, not an
  // address); the chain is still verified against --cafile.
  const tlsArgs = () => ["-h", sim.host, "-p", String(sim.mqttPort), "--cafile", path.join(dir, "ca.pem"), "--insecure", "--tls-version", "tlsv1.2", "-u", "bblp", "-P", sim.accessCode, "-V", "mqttv311"];

  it("mosquitto_sub receives a report and mosquitto_pub's pushall gets a full snapshot", async () => {
    const sub = run("/usr/bin/mosquitto_sub", [...tlsArgs(), "-t", `device/${sim.serial}/report`, "-C", "3", "-W", "10"]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await run("/usr/bin/mosquitto_pub", [...tlsArgs(), "-t", `device/${sim.serial}/request`, "-m", '{"pushing":{"sequence_id":"0","command":"pushall"}}']);
    const { stdout } = await sub;
    const reports = stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(reports).toHaveLength(3);
    expect(reports.some((r) => r.print?.msg === 0 && r.print?.command === "push_status")).toBe(true);
  });

  it("mosquitto_sub fails against a CA it does not trust", async () => {
    const otherCa = path.join(dir, "other.pem");
    await writeFile(otherCa, (await import("./certificates")).createSimulatorCa().certPem);
    const args = tlsArgs().map((a) => (a.endsWith("ca.pem") ? otherCa : a));
    await expect(run("/usr/bin/mosquitto_sub", [...args, "-t", `device/${sim.serial}/report`, "-C", "1", "-W", "3"])).rejects.toThrow();
  });

  it("mosquitto_sub with a wrong password is refused", async () => {
    const args = tlsArgs().map((a) => (a === sim.accessCode ? "wrong" : a));
    await expect(run("/usr/bin/mosquitto_sub", [...args, "-t", `device/${sim.serial}/report`, "-C", "1", "-W", "3"])).rejects.toMatchObject({
      stderr: expect.stringMatching(/not authori[sz]ed/i),
    });
  });
});
