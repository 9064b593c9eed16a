import { PrinterFailure, type DriverCommand } from "@/lib/printers/types";
import { developerModeErrorCode, failureKeys } from "./failures";
import type { JsonObject } from "./state-merge";

/**
 * Payloads for device/{serial}/request and the matching of their acknowledgements.
 * Every command carries a string sequence_id; the printer echoes it in its ack.
 */

export type CommandChannel = "print" | "system" | "info" | "pushing";

export interface OutgoingCommand {
  channel: CommandChannel;
  command: string;
  sequenceId: string;
  payload: JsonObject;
}

export interface CommandAck {
  channel: CommandChannel;
  sequenceId: string;
  command: string | null;
  result: string | null;
  reason: string | null;
  errCode: number | null;
}

/** Sequence ids count up from a random start so two workers' ids rarely collide. */
export class SequenceIds {
  private value: number;

  constructor(start = 1 + Math.floor(Math.random() * 10_000)) {
    this.value = start;
  }

  next(): string {
    this.value = this.value >= 2_000_000_000 ? 1 : this.value + 1;
    return String(this.value);
  }
}

function outgoing(channel: CommandChannel, command: string, sequenceId: string, fields: JsonObject): OutgoingCommand {
  return { channel, command, sequenceId, payload: { [channel]: { sequence_id: sequenceId, command, ...fields } } };
}

export function pushallCommand(sequenceId: string): OutgoingCommand {
  return outgoing("pushing", "pushall", sequenceId, { version: 1, push_target: 1 });
}

export function getVersionCommand(sequenceId: string): OutgoingCommand {
  return outgoing("info", "get_version", sequenceId, {});
}

export function jobControlCommand(command: "pause" | "resume" | "stop", sequenceId: string): OutgoingCommand {
  return outgoing("print", command, sequenceId, { param: "" });
}

export function gcodeLineCommand(gcode: string, sequenceId: string): OutgoingCommand {
  return outgoing("print", "gcode_line", sequenceId, { param: gcode.endsWith("\n") ? gcode : `${gcode}\n` });
}

export function chamberLightCommand(on: boolean, sequenceId: string): OutgoingCommand {
  return outgoing("system", "ledctrl", sequenceId, {
    led_node: "chamber_light",
    led_mode: on ? "on" : "off",
    led_on_time: 500,
    led_off_time: 500,
    loop_times: 0,
    interval_time: 0,
  });
}

export interface StartOptions {
  /** Path on the printer's storage, e.g. "/cache/part.gcode.3mf". */
  path: string;
  plate?: number;
  amsMapping?: number[];
}

const projectFile = /\.3mf$/i;

function jobNameOf(path: string): string {
  const base = path.split("/").pop() ?? path;
  return base.replace(/\.gcode\.3mf$/i, "").replace(/\.3mf$/i, "");
}

/**
 * project_file starts a sliced 3MF already on the printer's storage. Bare .gcode
 * files need a different, model-specific command and are refused.
 */
export function projectFileCommand(options: StartOptions, sequenceId: string): OutgoingCommand {
  if (!projectFile.test(options.path)) {
    throw new PrinterFailure("permanent", "protocol", failureKeys.unsupportedFile);
  }
  const plate = options.plate ?? 1;
  if (!Number.isInteger(plate) || plate < 1 || plate > 99) {
    throw new PrinterFailure("permanent", "protocol", failureKeys.unsupportedFile);
  }
  const amsMapping = options.amsMapping ?? [];
  return outgoing("print", "project_file", sequenceId, {
    param: `Metadata/plate_${plate}.gcode`,
    url: `ftp:///${options.path.replace(/^\/+/, "")}`,
    md5: "",
    project_id: "0",
    profile_id: "0",
    task_id: "0",
    subtask_id: "0",
    subtask_name: jobNameOf(options.path),
    bed_type: "auto",
    timelapse: false,
    bed_leveling: true,
    flow_cali: false,
    vibration_cali: false,
    layer_inspect: false,
    // Only the external spool (every entry -1) means printing without the AMS.
    use_ams: amsMapping.some((tray) => tray >= 0),
    ams_mapping: amsMapping,
  });
}

export function driverCommand(cmd: DriverCommand, sequenceId: string): OutgoingCommand {
  switch (cmd.action) {
    case "pause":
    case "resume":
    case "stop":
      return jobControlCommand(cmd.action, sequenceId);
    case "light_on":
      return chamberLightCommand(true, sequenceId);
    case "light_off":
      return chamberLightCommand(false, sequenceId);
    case "start":
      return projectFileCommand({ path: cmd.path, plate: cmd.plate, amsMapping: cmd.amsMapping }, sequenceId);
  }
}

/** Starting while busy would cancel the running print on the printer. */
const startableStates = new Set(["IDLE", "FINISH", "FAILED"]);

export function assertCanStart(gcodeState: string | null | undefined): void {
  if (!gcodeState || !startableStates.has(gcodeState)) {
    throw new PrinterFailure("permanent", "protocol", failureKeys.printerBusy);
  }
}

const successResults = new Set(["success", "ok"]);

/** null when the printer accepted the command. */
export function ackFailure(ack: CommandAck): PrinterFailure | null {
  if (ack.errCode === developerModeErrorCode) {
    return new PrinterFailure("permanent", "developer_mode", failureKeys.developerMode);
  }
  const refused = (ack.result !== null && !successResults.has(ack.result.toLowerCase())) || (ack.errCode !== null && ack.errCode !== 0);
  return refused ? new PrinterFailure("permanent", "protocol", failureKeys.commandRejected) : null;
}

interface Pending {
  resolve: (ack: CommandAck) => void;
  reject: (failure: PrinterFailure) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Commands waiting for the ack that echoes their sequence_id. */
export class PendingCommands {
  private readonly pending = new Map<string, Pending>();

  wait(sequenceId: string, timeoutMs: number): Promise<CommandAck> {
    return new Promise<CommandAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(sequenceId);
        reject(new PrinterFailure("temporary", "timeout", failureKeys.timeout));
      }, timeoutMs);
      this.pending.set(sequenceId, { resolve, reject, timer });
    });
  }

  /** Returns false when nobody waits for this sequence_id (another client's command). */
  settle(ack: CommandAck): boolean {
    const entry = this.pending.get(ack.sequenceId);
    if (!entry) return false;
    this.pending.delete(ack.sequenceId);
    clearTimeout(entry.timer);
    entry.resolve(ack);
    return true;
  }

  cancel(sequenceId: string, failure: PrinterFailure): void {
    const entry = this.pending.get(sequenceId);
    if (!entry) return;
    this.pending.delete(sequenceId);
    clearTimeout(entry.timer);
    entry.reject(failure);
  }

  rejectAll(failure: PrinterFailure): void {
    for (const sequenceId of [...this.pending.keys()]) this.cancel(sequenceId, failure);
  }

  get size(): number {
    return this.pending.size;
  }
}
