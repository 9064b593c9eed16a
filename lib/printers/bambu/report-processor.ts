import { normalizedStateSchema, type NormalizedState } from "@/lib/printers/types";
import { ackFailure, type CommandAck, type CommandChannel } from "./commands";
import { developerModeErrorCode } from "./failures";
import { JobTracker } from "./job-tracker";
import { mapReport } from "./mapping";
import { normalizeModel, type BambuModel } from "./models";
import { describeIssues, printReportSchema, reportEnvelopeSchema, type InfoReport, type PrintReport } from "./schemas";
import { classifyPrintReport, isJsonObject, mergeReport, type JsonObject } from "./state-merge";

/**
 * Turns the text of one MQTT message into what the driver acts on: a new normalized
 * state, a command ack, version info, or an invalid payload. Pure apart from the clock
 * passed in, so fixtures and mutated payloads can be replayed without a network. It
 * never throws: anything unexpected becomes an "invalid" outcome and the previous
 * state stays.
 */

export type ProcessedMessage =
  /** `report` is true when the printer sent status (proof it is alive and the data fresh). */
  | { kind: "state"; state: NormalizedState; raw: JsonObject; report: boolean }
  | { kind: "ack"; ack: CommandAck }
  | { kind: "version"; firmware: string | null; model: BambuModel | null }
  | { kind: "invalid"; reason: string };

export interface ProcessorOptions {
  model: BambuModel;
}

export class ReportProcessor {
  private cached: JsonObject | null = null;
  private parsed: PrintReport | null = null;
  private lastState: NormalizedState | null = null;
  private lastMessage: unknown = null;
  private firmware: string | null = null;
  private model: BambuModel;
  private developerModeRejected = false;
  private readonly jobs = new JobTracker();

  constructor(options: ProcessorOptions) {
    this.model = options.model;
  }

  /** The merged raw state as the printer sent it (for diagnostics and the state event). */
  rawState(): JsonObject | null {
    return this.cached;
  }

  lastRawMessage(): unknown {
    return this.lastMessage;
  }

  state(): NormalizedState | null {
    return this.lastState;
  }

  gcodeState(): string | null {
    return this.parsed?.gcode_state ?? null;
  }

  currentModel(): BambuModel {
    return this.model;
  }

  currentFirmware(): string | null {
    return this.firmware;
  }

  /** The printer acknowledged our stop: a FAILED that follows is a cancel. */
  noteStopRequested(now: number): NormalizedState | null {
    this.jobs.noteStopRequested();
    return this.remap(now);
  }

  process(text: string, now: number): ProcessedMessage[] {
    try {
      return this.processUnsafe(text, now);
    } catch (error) {
      return [{ kind: "invalid", reason: `unexpected: ${error instanceof Error ? error.name : "error"}` }];
    }
  }

  private processUnsafe(text: string, now: number): ProcessedMessage[] {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return [{ kind: "invalid", reason: "not JSON" }];
    }
    if (!isJsonObject(raw)) return [{ kind: "invalid", reason: "not a JSON object" }];
    const envelope = reportEnvelopeSchema.safeParse(raw);
    if (!envelope.success) return [{ kind: "invalid", reason: describeIssues(envelope.error) }];
    this.lastMessage = raw;

    const out: ProcessedMessage[] = [];
    const { print, info, system } = envelope.data;
    if (print && isJsonObject(raw.print)) out.push(...this.processPrint(print, raw.print, now));
    if (info) out.push(...this.processInfo(info, now));
    if (system?.sequence_id != null) {
      out.push({ kind: "ack", ack: toAck("system", system) });
    }
    return [...out, ...this.developerModeEvidence(out, now)];
  }

  /**
   * An ack with err_code 84033543 proves Developer mode is off even where `fun` lacks
   * the bit; an accepted command proves it is on again.
   */
  private developerModeEvidence(outcomes: readonly ProcessedMessage[], now: number): ProcessedMessage[] {
    const before = this.developerModeRejected;
    for (const outcome of outcomes) {
      if (outcome.kind !== "ack") continue;
      if (outcome.ack.errCode === developerModeErrorCode) this.developerModeRejected = true;
      else if (outcome.ack.channel !== "info" && ackAccepted(outcome.ack)) this.developerModeRejected = false;
    }
    if (before === this.developerModeRejected) return [];
    const state = this.remap(now);
    const raw = this.cached;
    return state && raw ? [{ kind: "state", state, raw, report: false }] : [];
  }

  private processPrint(print: PrintReport, rawPrint: JsonObject, now: number): ProcessedMessage[] {
    const kind = classifyPrintReport(print);
    if (kind === "ack") {
      if (print.sequence_id == null) return [];
      return [{ kind: "ack", ack: toAck("print", print) }];
    }
    const merged = mergeReport(this.cached, rawPrint, kind);
    const parsed = printReportSchema.safeParse(merged);
    if (!parsed.success) return [{ kind: "invalid", reason: `merged state: ${describeIssues(parsed.error)}` }];
    const job = this.jobs.observe(parsed.data, now);
    const state = mapReport(parsed.data, this.context(now, job));
    if (state === null) {
      this.cached = merged;
      this.parsed = parsed.data;
      return [];
    }
    const valid = normalizedStateSchema.safeParse(state);
    if (!valid.success) return [{ kind: "invalid", reason: `normalized state: ${describeIssues(valid.error)}` }];
    this.cached = merged;
    this.parsed = parsed.data;
    this.lastState = valid.data;
    return [{ kind: "state", state: valid.data, raw: merged, report: true }];
  }

  private processInfo(info: InfoReport, now: number): ProcessedMessage[] {
    const out: ProcessedMessage[] = [];
    if (info.command === "get_version") {
      const ota = info.module?.find((module) => module.name === "ota");
      const model = normalizeModel(ota?.project_name || ota?.product_name);
      this.firmware = ota?.sw_ver ?? this.firmware;
      if (model !== "unknown") this.model = model;
      out.push({ kind: "version", firmware: this.firmware, model: model === "unknown" ? null : model });
      const remapped = this.remap(now);
      const raw = this.cached;
      if (remapped && raw) out.push({ kind: "state", state: remapped, raw, report: false });
    }
    if (info.sequence_id != null) out.push({ kind: "ack", ack: toAck("info", info) });
    return out;
  }

  private remap(now: number): NormalizedState | null {
    if (!this.parsed) return null;
    const state = mapReport(this.parsed, this.context(now, this.jobs.current()));
    const valid = state === null ? null : normalizedStateSchema.safeParse(state);
    if (!valid?.success) return null;
    this.lastState = valid.data;
    return valid.data;
  }

  private context(now: number, job: ReturnType<JobTracker["current"]>) {
    return { now, model: this.model, firmware: this.firmware, job, developerModeRejected: this.developerModeRejected };
  }
}

interface AckFields {
  sequence_id?: string | null;
  command?: string | null;
  result?: string | null;
  reason?: string | null;
  err_code?: number | null;
}

function toAck(channel: CommandChannel, fields: AckFields): CommandAck {
  return {
    channel,
    sequenceId: String(fields.sequence_id ?? ""),
    command: fields.command ?? null,
    result: fields.result ?? null,
    reason: fields.reason ?? null,
    errCode: fields.err_code ?? null,
  };
}

function ackAccepted(ack: CommandAck): boolean {
  return ackFailure(ack) === null;
}
