import { deliver, DeliveryError, type AlertNotice } from "@/lib/alerts/channels";
import { alertText, type NoticeLocale } from "@/lib/alerts/message";
import type { ResolvedChannel } from "@/lib/alerts/notification-channels";
import type { ChannelName } from "@/lib/alerts/notification-schemas";
import { claimDueNotices, claimNewHeldNotices, type HeldNotice } from "@/lib/alerts/store";
import type { AlertParams, AlertType } from "@/lib/alerts/types";
import { logger } from "@/lib/log/logger";
import type { RaisedNotice } from "./alert-evaluator";
import { FaultLog } from "./faults";

/**
 * Sends raised alerts on the channels set up on the notifications page (or in the
 * environment), each channel only for the alert types and severities it carries. Sends
 * run one after another off the printers' path: a slow or dead mail server delays
 * notifications, never a printer. Failures are logged once per channel and counted; a
 * full queue drops the oldest notice. The channels are read through `channels()` at each
 * send, so a change on the page applies with the supervisor's next settings reload.
 *
 * Alerts about a printer are handed over by the evaluator and sent at once, day or
 * night. Non-urgent alerts (low stock) carry "notify after" on their row, set to the
 * next business-hours start by whoever raised them; while running, the notifier looks
 * for new ones (sent to the channels that do not wait) and due ones (sent to the
 * channels that wait) every `heldPollMs`. Both claims live in the database, so a notice
 * held over the weekend still goes out on Monday after a worker restart or a lease
 * handover.
 */

const MAX_QUEUE = 200;
const HELD_POLL_MS = 30_000;

export interface NotifierOptions {
  now?: () => number;
  heldPollMs?: number;
}

export class AlertNotifier {
  private readonly queue: { type: AlertType; phase: Phase; notice: AlertNotice }[] = [];
  private running: Promise<void> | null = null;
  private readonly faults = new FaultLog(logger("notify"));
  private readonly now: () => number;
  private heldTimer: ReturnType<typeof setTimeout> | null = null;
  private heldPass: Promise<number> | null = null;
  sent: Record<ChannelName, number> = { webhook: 0, email: 0, ntfy: 0 };
  dropped = 0;

  constructor(
    private readonly channels: () => Record<ChannelName, ResolvedChannel | null>,
    private readonly locale: () => NoticeLocale,
    private readonly options: NotifierOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  notify(printer: { id: string; name: string }, notice: RaisedNotice): void {
    this.enqueue("now", printer, notice.type, notice.alertId, notice.severity, notice.params, notice.raisedAt);
  }

  /** Starts looking for held notices that are due (right away, then every heldPollMs). */
  start(): void {
    if (this.heldTimer) return;
    const loop = () => {
      this.heldPass = this.sendDue().finally(() => {
        this.heldPass = null;
        if (this.heldTimer) this.heldTimer = setTimeout(loop, this.options.heldPollMs ?? HELD_POLL_MS);
      });
    };
    this.heldTimer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldTimer = null;
    await this.heldPass;
  }

  /**
   * Queues new non-urgent notices for the channels that do not wait and the due ones for
   * the channels that do; how many were claimed. Never throws (the next pass tries again).
   */
  async sendDue(): Promise<number> {
    const now = new Date(this.now());
    let fresh: HeldNotice[] = [];
    let due: HeldNotice[] = [];
    await this.faults.guard("held", async () => {
      fresh = await claimNewHeldNotices(now);
      due = await claimDueNotices(now);
    });
    for (const held of fresh) this.enqueue("early", held.printer, held.type, held.alertId, held.severity, held.params, held.raisedAt);
    for (const held of due) this.enqueue("held", held.printer, held.type, held.alertId, held.severity, held.params, held.raisedAt);
    return due.length;
  }

  /** Waits for queued notices (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  failures(): Record<string, number> {
    return this.faults.totals();
  }

  private enqueue(
    phase: Phase,
    printer: { id: string; name: string } | null,
    type: AlertType,
    alertId: string,
    severity: string,
    params: AlertParams,
    raisedAt: Date,
  ): void {
    const { subject, message } = alertText(this.locale(), type, printer?.name ?? null, params);
    this.queue.push({
      type,
      phase,
      notice: { alertId, type, severity, printer, params, message, subject, raisedAt: raisedAt.toISOString() },
    });
    if (this.queue.length > MAX_QUEUE) {
      this.queue.shift();
      this.dropped += 1;
    }
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    for (let item = this.queue.shift(); item; item = this.queue.shift()) {
      const { type, phase, notice } = item;
      for (const channel of Object.values(this.channels())) {
        if (!channel || !carries(channel, type, notice.severity, phase)) continue;
        await this.faults.guard(channel.channel, async () => {
          const result = await deliver(channel, notice);
          if (!result.delivered) throw new DeliveryError(result);
          this.sent[channel.channel] += 1;
        });
      }
    }
  }
}

/** now: an alert about a printer (every channel); early and held: a non-urgent one before and after its hold. */
type Phase = "now" | "early" | "held";

export function carries(channel: ResolvedChannel, type: AlertType, severity: string, phase: Phase): boolean {
  const { enabled, types, severities, holdNonUrgent } = channel.routing;
  if (!enabled || !types.includes(type) || !severities.some((s) => s === severity)) return false;
  if (phase === "early") return !holdNonUrgent;
  if (phase === "held") return holdNonUrgent;
  return true;
}
