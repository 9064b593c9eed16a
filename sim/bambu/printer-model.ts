import type { ModelProfile } from "./models";
import type { Random } from "./random";
import { approach, bedHeater, chamberAir, nozzleHeater } from "./thermal";

export const gcodeStates = ["IDLE", "PREPARE", "RUNNING", "PAUSE", "FINISH", "FAILED"] as const;
export type GcodeState = (typeof gcodeStates)[number];

/** print_error after a user stop: 0x0300400C "the task was cancelled" (FAILED covers both). */
export const cancelledPrintError = 0x0300400c;
/** Default print_error of an injected failure: 0x0500C010, the SD card read failure. */
export const defaultFailurePrintError = 0x0500c010;
/** HMS_0700_2000_0002_0001, "AMS A slot 1 filament has run out", sent alongside a runout pause. */
export const runoutHms: HmsEntry = { attr: 0x07002000, code: 0x00020001 };

// Stage ids of `stg`/`stg_cur` as Bambu Studio names them.
const stage = {
  printing: 0,
  autoBedLeveling: 1,
  heatbedPreheating: 2,
  filamentRunoutPause: 6,
  homing: 13,
  cleaningNozzle: 14,
  userPause: 16,
  idle: 255,
} as const;
const prepareStages = [stage.heatbedPreheating, stage.homing, stage.cleaningNozzle, stage.autoBedLeveling];

export interface HmsEntry {
  attr: number;
  code: number;
}

/** What one print is, as taken from the file and the start command. */
export interface PrintJob {
  /** Path on the printer's storage ("/cache/Benchy.gcode.3mf"). */
  storagePath: string;
  subtaskName: string;
  plate: number;
  /** Slicer's prediction; drives mc_remaining_time whatever the simulated speed. */
  nominalSeconds: number;
  totalLayers: number;
  nozzleTarget: number;
  bedTarget: number;
  filamentGrams: number;
  taskId: string;
  subtaskId: string;
  projectId: string;
  profileId: string;
  /** `ams.tray_now` while printing: AMS tray index as a string, "254" for the external spool. */
  trayNow: string;
}

export interface PrinterTiming {
  /** Real seconds spent in PREPARE (heating, homing, levelling). */
  prepareSeconds: number;
  /** Real seconds of RUNNING at standard speed; null = the file's prediction / timeScale. */
  printSeconds: number | null;
  /** Simulated seconds per real second, for the thermal model. */
  timeScale: number;
}

export type CommandResult = { ok: true } | { ok: false; reason: string };

/** Fan speeds on the printer's 0-15 scale. */
export interface FanSpeeds {
  cooling: number;
  heatbreak: number;
  aux: number;
  chamber: number;
}

/** Everything the report builder needs, in printer terms but free of JSON shape. */
export interface PrinterView {
  gcodeState: GcodeState;
  /** mc_print_stage: "1" idle, "2" busy, "3" paused. */
  printStage: string;
  nozzleTemp: number;
  nozzleTarget: number;
  bedTemp: number;
  bedTarget: number;
  chamberTemp: number;
  fans: FanSpeeds;
  percent: number;
  layer: number;
  totalLayers: number;
  remainingMinutes: number;
  preparePercent: number;
  stages: number[];
  currentStage: number;
  /** The current or last job (subtask_name stays after FINISH/FAILED, as on the printer). */
  job: PrintJob | null;
  active: boolean;
  printError: number;
  hms: HmsEntry[];
  lightOn: boolean;
  speedLevel: number;
  filamentLoaded: boolean;
  trayNow: string;
  /** Grams consumed per tray id ("0".."15", "254") since start, for AMS `remain`. */
  consumedGrams: ReadonlyMap<string, number>;
}

export interface PrinterModelOptions {
  profile: ModelProfile;
  timing: PrinterTiming;
  random: Random;
  initial: { nozzle: number; bed: number; chamber: number; lightOn: boolean };
}

const speedFactors: Record<number, number> = { 1: 0.5, 2: 1, 3: 1.24, 4: 1.66 };
const overheatRatePerSecond = 1.8;
const overheatCeiling = 420;

function to15(pwm: number): number {
  return Math.max(0, Math.min(15, Math.round((pwm / 255) * 15)));
}

/**
 * The printer itself: job state machine and heaters. It knows nothing about MQTT; the
 * simulator advances it with real elapsed time and turns views into reports.
 */
export class PrinterModel {
  private state: GcodeState = "IDLE";
  private nozzle: number;
  private bed: number;
  private chamber: number;
  private readonly ambient: number;
  private readonly chamberBase: number;
  private nozzleTarget = 0;
  private bedTarget = 0;
  private job: PrintJob | null = null;
  private prepareElapsed = 0;
  private progress = 0;
  private remainingMinutes = 0;
  private preparePercent = 0;
  private stages: number[] = [];
  private currentStage = 0;
  private pausedFrom: "PREPARE" | "RUNNING" = "RUNNING";
  private printError = 0;
  private hms: HmsEntry[] = [];
  private overheating = false;
  private lightOn: boolean;
  private speedLevel = 2;
  private filamentLoaded = true;
  private readonly manualFans: Partial<FanSpeeds> = {};
  private readonly consumed = new Map<string, number>();

  constructor(private readonly options: PrinterModelOptions) {
    const { initial } = options;
    this.ambient = Math.min(initial.nozzle, initial.bed);
    this.nozzle = initial.nozzle;
    this.bed = initial.bed;
    this.chamber = initial.chamber;
    this.chamberBase = initial.chamber;
    this.lightOn = initial.lightOn;
  }

  get gcodeState(): GcodeState {
    return this.state;
  }

  isActive(): boolean {
    return this.state === "PREPARE" || this.state === "RUNNING" || this.state === "PAUSE";
  }

  isBusy(): boolean {
    return !(this.state === "IDLE" || this.state === "FINISH" || this.state === "FAILED");
  }

  /** Moves time forward by `realSeconds` of wall-clock time. */
  advance(realSeconds: number): void {
    if (realSeconds <= 0) return;
    const { timing, profile } = this.options;
    const dt = realSeconds * timing.timeScale;
    if (this.overheating) {
      this.nozzle = Math.min(overheatCeiling, this.nozzle + overheatRatePerSecond * dt);
    } else {
      this.nozzle = approach(this.nozzle, this.nozzleTarget, this.ambient, dt, nozzleHeater);
    }
    this.bed = approach(this.bed, this.bedTarget, this.ambient, dt, bedHeater);
    if (profile.chamberSensor) {
      const warmth = this.chamberBase + 0.3 * Math.max(0, this.bed - this.ambient);
      this.chamber = approach(this.chamber, warmth, this.chamberBase, dt, chamberAir);
    }
    const leftover = this.state === "PREPARE" ? this.advancePrepare(realSeconds) : realSeconds;
    if (this.state === "RUNNING" && leftover > 0) this.advanceRunning(leftover);
  }

  /** Returns the part of `realSeconds` left after PREPARE ended. */
  private advancePrepare(realSeconds: number): number {
    const prepareSeconds = this.options.timing.prepareSeconds;
    const used = Math.min(realSeconds, Math.max(0, prepareSeconds - this.prepareElapsed));
    this.prepareElapsed += used;
    const fraction = prepareSeconds > 0 ? Math.min(1, this.prepareElapsed / prepareSeconds) : 1;
    this.preparePercent = Math.min(100, Math.floor(fraction * 300));
    this.currentStage = this.stages[Math.min(this.stages.length - 1, Math.floor(fraction * this.stages.length))] ?? 0;
    if (fraction >= 1) {
      this.state = "RUNNING";
      this.preparePercent = 100;
      this.currentStage = stage.printing;
      return realSeconds - used;
    }
    return 0;
  }

  private advanceRunning(realSeconds: number): void {
    const job = this.job;
    if (!job) return;
    const seconds = this.options.timing.printSeconds ?? job.nominalSeconds / this.options.timing.timeScale;
    const before = this.progress;
    const rate = (speedFactors[this.speedLevel] ?? 1) / Math.max(seconds, 0.001);
    this.progress = Math.min(1, this.progress + realSeconds * rate);
    const grams = (this.progress - before) * job.filamentGrams;
    this.consumed.set(job.trayNow, (this.consumed.get(job.trayNow) ?? 0) + grams);
    this.remainingMinutes = Math.ceil(((1 - this.progress) * job.nominalSeconds) / 60);
    if (this.progress >= 1) this.finish();
  }

  private finish(): void {
    this.state = "FINISH";
    this.progress = 1;
    this.remainingMinutes = 0;
    this.nozzleTarget = 0;
    this.bedTarget = 0;
    this.stages = [];
    this.currentStage = this.options.profile.gcodeFileStyle === "data" ? -1 : stage.idle;
    this.clearManualFans();
  }

  private clearManualFans(): void {
    delete this.manualFans.cooling;
    delete this.manualFans.aux;
    delete this.manualFans.chamber;
  }

  start(job: PrintJob): CommandResult {
    if (this.isBusy()) return { ok: false, reason: `printer is busy (${this.state})` };
    this.job = job;
    this.state = "PREPARE";
    this.prepareElapsed = 0;
    this.progress = 0;
    this.preparePercent = 0;
    this.remainingMinutes = Math.ceil(job.nominalSeconds / 60);
    this.stages = [...prepareStages];
    this.currentStage = prepareStages[0];
    this.printError = 0;
    this.hms = [];
    this.filamentLoaded = true;
    this.nozzleTarget = job.nozzleTarget;
    this.bedTarget = job.bedTarget;
    this.clearManualFans();
    if (this.options.timing.prepareSeconds <= 0) this.advancePrepare(0);
    return { ok: true };
  }

  pause(): CommandResult {
    if (this.state !== "PREPARE" && this.state !== "RUNNING") return { ok: false, reason: `nothing to pause (${this.state})` };
    this.pausedFrom = this.state;
    this.state = "PAUSE";
    this.currentStage = stage.userPause;
    return { ok: true };
  }

  resume(): CommandResult {
    if (this.state !== "PAUSE") return { ok: false, reason: `not paused (${this.state})` };
    this.state = this.pausedFrom;
    // Resuming after a runout means the user loaded new filament.
    this.printError = 0;
    this.hms = [];
    this.filamentLoaded = true;
    this.currentStage = this.state === "RUNNING" ? stage.printing : (this.stages[0] ?? 0);
    return { ok: true };
  }

  /** Like the real printer, a stop ends in FAILED with the "cancelled" print_error. */
  stop(): CommandResult {
    this.overheating = false;
    if (!this.isActive()) return { ok: true };
    this.endFailed(cancelledPrintError, []);
    return { ok: true };
  }

  runout(): CommandResult {
    if (this.state !== "RUNNING" && this.state !== "PREPARE") return { ok: false, reason: `no print running (${this.state})` };
    this.pausedFrom = this.state;
    this.state = "PAUSE";
    this.printError = this.options.profile.runoutPrintError;
    this.hms = [runoutHms];
    this.filamentLoaded = false;
    this.currentStage = stage.filamentRunoutPause;
    return { ok: true };
  }

  fail(printError: number, hms: HmsEntry[]): CommandResult {
    if (!this.isActive()) return { ok: false, reason: `no print running (${this.state})` };
    this.endFailed(printError, hms);
    return { ok: true };
  }

  private endFailed(printError: number, hms: HmsEntry[]): void {
    this.state = "FAILED";
    this.printError = printError;
    this.hms = hms;
    this.nozzleTarget = 0;
    this.bedTarget = 0;
    this.stages = [];
    this.currentStage = 0;
    this.clearManualFans();
  }

  /** The nozzle heats on its own, far past its target, until a stop. */
  overheat(): void {
    this.overheating = true;
  }

  setLight(on: boolean): void {
    this.lightOn = on;
  }

  setSpeedLevel(level: number): CommandResult {
    if (!(level in speedFactors)) return { ok: false, reason: `unknown speed level ${level}` };
    this.speedLevel = level;
    return { ok: true };
  }

  /** Applies the G-code the printer would act on visibly: temperatures and fans. */
  gcode(text: string): CommandResult {
    for (const raw of text.split("\n")) {
      const line = raw.replace(/;.*$/, "").trim().toUpperCase();
      if (!line) continue;
      const [word, ...args] = line.split(/\s+/);
      const arg = (letter: string): number | null => {
        const found = args.find((a) => a.startsWith(letter));
        if (!found) return null;
        const value = Number(found.slice(1));
        return Number.isFinite(value) ? value : null;
      };
      const s = arg("S");
      if ((word === "M104" || word === "M109") && s !== null) this.nozzleTarget = Math.max(0, Math.min(300, s));
      else if ((word === "M140" || word === "M190") && s !== null) this.bedTarget = Math.max(0, Math.min(120, s));
      else if (word === "M106") this.setFan(arg("P") ?? 1, to15(s ?? 255));
      else if (word === "M107") this.setFan(1, 0);
    }
    return { ok: true };
  }

  private setFan(index: number, speed: number): void {
    if (index === 1) this.manualFans.cooling = speed;
    else if (index === 2) this.manualFans.aux = speed;
    else if (index === 3) this.manualFans.chamber = speed;
  }

  private fans(): FanSpeeds {
    const { profile, random } = this.options;
    const running = this.state === "RUNNING";
    const layer = this.layer();
    const automatic: FanSpeeds = {
      cooling: running && layer > 1 ? random.int(12, 15) : 0,
      heatbreak: this.nozzle > 50 ? random.int(13, 15) : 0,
      aux: running && profile.auxFan && layer > 2 ? random.int(9, 10) : 0,
      chamber: running && profile.chamberFan ? random.int(2, 3) : 0,
    };
    return { ...automatic, ...this.manualFans };
  }

  private layer(): number {
    const total = this.job?.totalLayers ?? 0;
    if (this.state === "IDLE" || !this.job) return 0;
    if (this.state === "FINISH") return total;
    if (this.state === "PREPARE" && this.progress === 0) return 0;
    return Math.min(total, Math.floor(this.progress * total) + 1);
  }

  view(): PrinterView {
    const job = this.job;
    const idle = this.state === "IDLE";
    return {
      gcodeState: this.state,
      printStage: this.state === "PAUSE" ? "3" : this.isActive() ? "2" : "1",
      nozzleTemp: this.nozzle,
      nozzleTarget: this.nozzleTarget,
      bedTemp: this.bed,
      bedTarget: this.bedTarget,
      chamberTemp: this.chamber,
      fans: this.fans(),
      percent: idle ? 0 : this.state === "FINISH" ? 100 : Math.floor(this.progress * 100),
      layer: this.layer(),
      totalLayers: idle ? 0 : (job?.totalLayers ?? 0),
      remainingMinutes: idle ? 0 : this.remainingMinutes,
      preparePercent: idle ? 0 : this.preparePercent,
      stages: [...this.stages],
      currentStage: this.currentStage,
      job,
      active: this.isActive(),
      printError: this.printError,
      hms: this.hms.map((h) => ({ ...h })),
      lightOn: this.lightOn,
      speedLevel: this.speedLevel,
      filamentLoaded: this.filamentLoaded,
      trayNow: this.isActive() && job ? job.trayNow : "255",
      consumedGrams: new Map(this.consumed),
    };
  }
}
