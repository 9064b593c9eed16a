import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PrinterFailure } from "@/lib/printers/types";
import {
  ackFailure,
  assertCanStart,
  chamberLightCommand,
  driverCommand,
  gcodeLineCommand,
  getVersionCommand,
  jobControlCommand,
  PendingCommands,
  projectFileCommand,
  pushallCommand,
  SequenceIds,
  type CommandAck,
} from "./commands";

function ack(overrides: Partial<CommandAck>): CommandAck {
  return { channel: "print", sequenceId: "1", command: "pause", result: "success", reason: "success", errCode: null, ...overrides };
}

describe("command payloads", () => {
  it("pause/resume/stop", () => {
    expect(jobControlCommand("pause", "7").payload).toEqual({ print: { sequence_id: "7", command: "pause", param: "" } });
    expect(driverCommand({ action: "stop" }, "8").payload).toEqual({ print: { sequence_id: "8", command: "stop", param: "" } });
    expect(driverCommand({ action: "resume" }, "9").channel).toBe("print");
  });

  it("gcode_line ends with a newline", () => {
    expect(gcodeLineCommand("G28", "3").payload).toEqual({ print: { sequence_id: "3", command: "gcode_line", param: "G28\n" } });
  });

  it("chamber light", () => {
    expect(chamberLightCommand(true, "4").payload).toEqual({
      system: { sequence_id: "4", command: "ledctrl", led_node: "chamber_light", led_mode: "on", led_on_time: 500, led_off_time: 500, loop_times: 0, interval_time: 0 },
    });
    expect(driverCommand({ action: "light_off" }, "5").payload).toMatchObject({ system: { led_mode: "off" } });
  });

  it("pushall and get_version", () => {
    expect(pushallCommand("0").payload).toEqual({ pushing: { sequence_id: "0", command: "pushall", version: 1, push_target: 1 } });
    expect(getVersionCommand("2").payload).toEqual({ info: { sequence_id: "2", command: "get_version" } });
  });

  it("project_file start", () => {
    const command = driverCommand({ action: "start", path: "/cache/Mein Teil ü.gcode.3mf", plate: 2, amsMapping: [0, 2] }, "11");
    expect(command.payload).toEqual({
      print: {
        sequence_id: "11",
        command: "project_file",
        param: "Metadata/plate_2.gcode",
        url: "ftp:///cache/Mein Teil ü.gcode.3mf",
        md5: "",
        project_id: "0",
        profile_id: "0",
        task_id: "0",
        subtask_id: "0",
        subtask_name: "Mein Teil ü",
        bed_type: "auto",
        timelapse: false,
        bed_leveling: true,
        flow_cali: false,
        vibration_cali: false,
        layer_inspect: false,
        use_ams: true,
        ams_mapping: [0, 2],
      },
    });
    expect(projectFileCommand({ path: "part.3mf" }, "1").payload).toMatchObject({
      print: { url: "ftp:///part.3mf", param: "Metadata/plate_1.gcode", use_ams: false, ams_mapping: [] },
    });
    expect(projectFileCommand({ path: "part.3mf", amsMapping: [-1] }, "1").payload).toMatchObject({
      print: { use_ams: false, ams_mapping: [-1] },
    });
  });

  it("refuses files project_file cannot start", () => {
    expect(() => projectFileCommand({ path: "/cache/x.gcode" }, "1")).toThrow(PrinterFailure);
    expect(() => projectFileCommand({ path: "/cache/x.3mf", plate: 0 }, "1")).toThrow(PrinterFailure);
  });

  it("sequence ids are strings and increase", () => {
    const ids = new SequenceIds(5);
    expect([ids.next(), ids.next()]).toEqual(["6", "7"]);
  });
});

describe("start guard", () => {
  it.each(["IDLE", "FINISH", "FAILED"])("allows start in %s", (state) => {
    expect(() => assertCanStart(state)).not.toThrow();
  });

  it.each(["RUNNING", "PAUSE", "PREPARE", "SLICING", null])("refuses start in %s (it would cancel the running print)", (state) => {
    expect(() => assertCanStart(state)).toThrow(expect.objectContaining({ kind: "permanent", message: "bambu.failure.printerBusy" }));
  });
});

describe("acks", () => {
  it("success is no failure", () => {
    expect(ackFailure(ack({}))).toBeNull();
    expect(ackFailure(ack({ result: null, reason: null }))).toBeNull();
    expect(ackFailure(ack({ result: "SUCCESS", errCode: 0 }))).toBeNull();
  });

  it("err_code 84033543 means Developer mode is off", () => {
    expect(ackFailure(ack({ result: "failed", errCode: 84033543 }))).toMatchObject({ kind: "permanent", stage: "developer_mode" });
  });

  it("other refusals", () => {
    expect(ackFailure(ack({ result: "failed" }))).toMatchObject({ stage: "protocol", message: "bambu.failure.commandRejected" });
    expect(ackFailure(ack({ errCode: 12 }))).toMatchObject({ stage: "protocol" });
  });
});

describe("pending commands", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("resolves with the ack of the same sequence_id only", async () => {
    const pending = new PendingCommands();
    const waiting = pending.wait("42", 5000);
    expect(pending.settle(ack({ sequenceId: "41" }))).toBe(false);
    expect(pending.settle(ack({ sequenceId: "42" }))).toBe(true);
    await expect(waiting).resolves.toMatchObject({ sequenceId: "42" });
    expect(pending.size).toBe(0);
  });

  it("times out with a temporary failure", async () => {
    const pending = new PendingCommands();
    const waiting = pending.wait("1", 5000);
    vi.advanceTimersByTime(5000);
    await expect(waiting).rejects.toMatchObject({ kind: "temporary", stage: "timeout" });
  });

  it("rejectAll fails everything in flight", async () => {
    const pending = new PendingCommands();
    const a = pending.wait("1", 5000);
    const b = pending.wait("2", 5000);
    pending.rejectAll(new PrinterFailure("temporary", "tcp", "x"));
    await expect(a).rejects.toMatchObject({ stage: "tcp" });
    await expect(b).rejects.toMatchObject({ stage: "tcp" });
  });
});
