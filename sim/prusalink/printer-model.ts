import type { PrintFileRef } from "./print-file";
import { materialFromName } from "./print-file";
import { ambientC, bedParams, nozzleParams, scaled, stepHeater } from "./thermal";

/** The states PrusaLink reports in /api/v1/status (READY never appears on a LAN poll). */
export type PrinterStateName = "IDLE" | "BUSY" | "PRINTING" | "PAUSED" | "FINISHED" | "STOPPED" | "ATTENTION" | "ERROR";

export interface TemperatureReading {
  current: number;
  target: number;
}

export interface JobSnapshot {
  id: number;
  file: PrintFileRef;
  /** 0-100 */
  progress: number;
  timePrinting: number;
  timeRemaining: number;
  material: string;
}

export interface ModelSnapshot {
  state: PrinterStateName;
  /** Present while the firmware "has a job": printing, paused, or attention during a print. */
  job: JobSnapshot | null;
  /** The firmware's job_id: kept after a print ends, so old ids answer 409 rather than 404. */
  currentJobId: number | null;
  nozzle: TemperatureReading;
  bed: TemperatureReading;
  axis: { x: number; y: number; z: number };
  flow: number;
  speed: number;
  fanHotend: number;
  fanPrint: number;
  material: string;
  overheat: boolean;
}

export interface ModelConfig {
  printSeconds: number;
  firstJobId: number;
  now?: () => number;
  random?: () => number;
}

interface ActiveJob {
  id: number;
  file: PrintFileRef;
  material: string;
  activeSeconds: number;
  nozzleTarget: number;
  bedTarget: number;
}

const objectHeightMm = 30;
const overheatMarginC = 85;

/**
 * One printer's physical state and job life. Time only moves when someone looks
 * (every read advances the model to "now"), so an idle simulator costs nothing.
 */
export class PrinterModel {
  private stateName: PrinterStateName = "IDLE";
  private job: ActiveJob | null = null;
  private jobId: number | null = null;
  private nextJobId: number;
  private nozzle = ambientC + 0.6;
  private bed = ambientC - 0.4;
  private nozzleTarget = 0;
  private bedTarget = 0;
  private z = 56;
  private overheat = false;
  private lastUpdate: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly timeScale: number;
  private readonly preheatSeconds: number;

  constructor(private readonly cfg: ModelConfig) {
    this.now = cfg.now ?? Date.now;
    this.random = cfg.random ?? Math.random;
    this.nextJobId = cfg.firstJobId;
    this.lastUpdate = this.now();
    this.timeScale = Math.min(1, Math.max(0.02, cfg.printSeconds / 600));
    this.preheatSeconds = Math.min(cfg.printSeconds * 0.1, 120);
  }

  snapshot(): ModelSnapshot {
    this.advance();
    const printing = this.stateName === "PRINTING";
    const job = this.job && this.hasJob() ? this.jobSnapshot(this.job) : null;
    const progress = job?.progress ?? 0;
    const noise = (amplitude: number) => (this.random() - 0.5) * 2 * amplitude;
    const nozzle = round1(this.nozzle + noise(0.15));
    return {
      state: this.stateName,
      job,
      currentJobId: this.jobId,
      nozzle: { current: nozzle, target: this.nozzleTarget },
      bed: { current: round1(this.bed + noise(0.1)), target: this.bedTarget },
      axis: printing ? { x: 125 + noise(60), y: 105 + noise(60), z: this.z } : { x: 241, y: 170, z: this.z },
      flow: 100,
      speed: 100,
      fanHotend: nozzle > 50 ? Math.round(4800 + (nozzle - 50) * 12 + noise(60)) : 0,
      fanPrint: printing && progress > 1 ? Math.round(4300 + noise(80)) : 0,
      material: this.job?.material ?? "PLA",
      overheat: this.overheat,
    };
  }

  /** Starts a print when the printer would accept one remotely (idle, finished or stopped). */
  start(file: PrintFileRef): JobSnapshot | null {
    this.advance();
    if (!this.readyForPrint()) return null;
    const temps = materialFromName(file.displayName);
    const id = this.nextJobId++;
    this.job = { id, file, material: temps.material, activeSeconds: 0, nozzleTarget: temps.nozzle, bedTarget: temps.bed };
    this.jobId = id;
    this.stateName = "PRINTING";
    this.nozzleTarget = temps.nozzle;
    this.bedTarget = temps.bed;
    this.z = 0.2;
    return this.jobSnapshot(this.job);
  }

  readyForPrint(): boolean {
    this.advance();
    return this.stateName === "IDLE" || this.stateName === "FINISHED" || this.stateName === "STOPPED";
  }

  pause(): boolean {
    return this.transition(["PRINTING"], "PAUSED");
  }

  /** What PUT /job/{id}/resume does: only a paused print resumes. */
  resume(): boolean {
    return this.transition(["PAUSED"], "PRINTING");
  }

  /** Someone at the printer dealt with it: resumes a paused print or one waiting for attention. */
  resumeAtPrinter(): boolean {
    return this.transition(["PAUSED", "ATTENTION"], "PRINTING");
  }

  stop(): boolean {
    this.advance();
    if (!(this.stateName === "PRINTING" || this.stateName === "PAUSED" || this.stateName === "ATTENTION")) return false;
    this.endJob("STOPPED");
    return true;
  }

  /** Filament runout: the print waits for someone to load filament. */
  injectRunout(): boolean {
    return this.transition(["PRINTING"], "ATTENTION");
  }

  injectError(): void {
    this.advance();
    this.endJob("ERROR");
  }

  /** Heater runaway: the nozzle climbs far above whatever it was told. */
  injectOverheat(): void {
    this.advance();
    this.overheat = true;
  }

  /** Someone confirmed the message on the display: back to idle, faults cleared. */
  acknowledge(): void {
    this.advance();
    this.overheat = false;
    if (this.stateName === "FINISHED" || this.stateName === "STOPPED" || this.stateName === "ERROR") {
      this.stateName = "IDLE";
    }
  }

  private transition(from: PrinterStateName[], to: PrinterStateName): boolean {
    this.advance();
    if (!from.includes(this.stateName)) return false;
    this.stateName = to;
    return true;
  }

  private hasJob(): boolean {
    return this.stateName === "PRINTING" || this.stateName === "PAUSED" || this.stateName === "ATTENTION";
  }

  private endJob(state: "FINISHED" | "STOPPED" | "ERROR"): void {
    this.stateName = state;
    this.nozzleTarget = 0;
    this.bedTarget = 0;
    this.job = null;
  }

  private jobSnapshot(job: ActiveJob): JobSnapshot {
    const total = this.cfg.printSeconds;
    const printPhase = Math.max(total - this.preheatSeconds, 1e-3);
    const progress = clamp(((job.activeSeconds - this.preheatSeconds) / printPhase) * 100, 0, 100);
    return {
      id: job.id,
      file: job.file,
      progress: Math.round(progress * 100) / 100,
      timePrinting: Math.floor(job.activeSeconds),
      timeRemaining: Math.max(0, Math.round(total - job.activeSeconds)),
      material: job.material,
    };
  }

  private advance(): void {
    const now = this.now();
    let remaining = Math.max(0, (now - this.lastUpdate) / 1000);
    this.lastUpdate = now;
    while (remaining > 0) {
      const job = this.stateName === "PRINTING" ? this.job : null;
      let step = Math.min(remaining, job ? 0.5 * this.timeScale : 10 * this.timeScale);
      if (job) step = Math.min(step, Math.max(this.cfg.printSeconds - job.activeSeconds, 0));
      this.stepThermal(step);
      remaining -= step;
      if (job) {
        job.activeSeconds += step;
        this.z = this.zFor(job);
        if (job.activeSeconds >= this.cfg.printSeconds) this.endJob("FINISHED");
      }
    }
  }

  private zFor(job: ActiveJob): number {
    const progress = this.jobSnapshot(job).progress;
    return Math.round((0.2 + (progress / 100) * objectHeightMm) * 5) / 5;
  }

  private stepThermal(dt: number): void {
    const nozzle = scaled(nozzleParams, this.timeScale);
    const bed = scaled(bedParams, this.timeScale);
    if (this.overheat) {
      const runaway = Math.max(this.nozzleTarget, 215) + overheatMarginC;
      this.nozzle = stepHeater(this.nozzle, runaway, dt, { ...nozzle, maxRiseRate: nozzle.maxRiseRate / 2 });
    } else {
      this.nozzle = stepHeater(this.nozzle, this.nozzleTarget, dt, nozzle);
    }
    this.bed = stepHeater(this.bed, this.bedTarget, dt, bed);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
