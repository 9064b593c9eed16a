import { emptyMemory, evaluateRules, type ConnectionProblem, type RuleMemory } from "@/lib/alerts/rules";
import type { AlertSettings } from "@/lib/alerts/settings";
import { openAlertsOf, raiseAlert, resolveAlert } from "@/lib/alerts/store";
import { alertTypes, severityOf, type AlertParams, type AlertType } from "@/lib/alerts/types";
import type { NormalizedState } from "@/lib/printers/types";
import type { ClosedJob } from "./job-tracker";

/**
 * One printer's alerts: turns the rules' set of active conditions into raised and
 * resolved Alert rows (one open per type), plus print_failed, which follows from a job
 * ending as failed and ends when the next print starts.
 */

export interface RaisedNotice {
  alertId: string;
  type: AlertType;
  severity: string;
  params: AlertParams;
  raisedAt: Date;
}

export interface AlertEvaluatorDeps {
  settings: () => AlertSettings;
  /** Called for every newly raised alert (notifications). */
  raised: (notice: RaisedNotice) => void;
  now: () => number;
}

const stateTypes: readonly AlertType[] = alertTypes.filter((t) => t !== "print_failed");

export class AlertEvaluator {
  private open = new Map<AlertType, string>();
  private memory: RuleMemory = emptyMemory();

  constructor(
    private readonly printerId: string,
    private readonly deps: AlertEvaluatorDeps,
  ) {}

  openTypes(): AlertType[] {
    return [...this.open.keys()];
  }

  async load(): Promise<void> {
    this.open = await openAlertsOf(this.printerId);
  }

  async evaluate(state: NormalizedState, jobOpen: boolean, connectionProblem: ConnectionProblem | null): Promise<void> {
    const now = this.deps.now();
    const { active, memory } = evaluateRules({ state, now, jobOpen, connectionProblem }, this.memory, this.deps.settings());
    this.memory = memory;
    for (const type of stateTypes) {
      const params = active.get(type);
      if (params && !this.open.has(type)) await this.raise(type, params);
      else if (!params && this.open.has(type)) await this.resolve(type);
    }
  }

  async jobClosed(job: ClosedJob): Promise<void> {
    if (job.status === "failed") await this.raise("print_failed", { job: job.name, code: job.errorCode });
  }

  async jobStarted(): Promise<void> {
    if (this.open.has("print_failed")) await this.resolve("print_failed");
  }

  async resolveAll(): Promise<void> {
    for (const type of [...this.open.keys()]) await this.resolve(type);
  }

  private async raise(type: AlertType, params: AlertParams): Promise<void> {
    const alert = await raiseAlert(this.printerId, type, params);
    this.open.set(type, alert.id);
    if (alert.created) {
      this.deps.raised({ alertId: alert.id, type, severity: severityOf[type], params, raisedAt: new Date(this.deps.now()) });
    }
  }

  private async resolve(type: AlertType): Promise<void> {
    const id = this.open.get(type);
    if (!id) return;
    await resolveAlert(id, type, this.printerId);
    this.open.delete(type);
  }
}
