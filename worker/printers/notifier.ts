import { postWebhook, sendAlertMail, type AlertNotice } from "@/lib/alerts/channels";
import { alertText } from "@/lib/alerts/message";
import type { AlertSettings, AlertTransports } from "@/lib/alerts/settings";
import { claimDueNotices, type HeldNotice } from "@/lib/alerts/store";
import type { AlertParams, AlertType } from "@/lib/alerts/types";
import { logger } from "@/lib/log/logger";
import type { RaisedNotice } from "./alert-evaluator";
import { FaultLog } from "./faults";

/**
 * Sends raised alerts to the webhook and by e-mail, each channel only for the alert
 * types opted in. Sends run one after another off the printers' path: a slow or dead
 * mail server delays notifications, never a printer. Failures are logged once per
 * channel and counted; a full queue drops the oldest notice.
 *
 * Alerts about a printer are handed over by the evaluator and sent at once, day or
 * night. Non-urgent alerts (low stock) carry "notify after" on their row, set to the
 * next business-hours start by whoever raised them; while running, the notifier looks
 * for due ones every `heldPollMs`. Because the hold lives in the database, a notice
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
  private readonly queue: { type: AlertType; notice: AlertNotice }[] = [];
  private running: Promise<void> | null = null;
  private readonly faults = new FaultLog(logger("notify"));
  private readonly now: () => number;
  private heldTimer: ReturnType<typeof setTimeout> | null = null;
  private heldPass: Promise<number> | null = null;
  sent = { webhook: 0, email: 0 };
  dropped = 0;

  constructor(
    private readonly transports: AlertTransports,
    private readonly settings: () => AlertSettings,
    private readonly options: NotifierOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  notify(printer: { id: string; name: string }, notice: RaisedNotice): void {
    this.enqueue(printer, notice.type, notice.alertId, notice.severity, notice.params, notice.raisedAt);
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

  /** Queues the held notices due now; how many. Never throws (the next pass tries again). */
  async sendDue(): Promise<number> {
    let due: HeldNotice[] = [];
    await this.faults.guard("held", async () => {
      due = await claimDueNotices(new Date(this.now()));
    });
    for (const held of due) this.enqueue(held.printer, held.type, held.alertId, held.severity, held.params, held.raisedAt);
    return due.length;
  }

  /** Waits for queued notices (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  failures(): Record<string, number> {
    return this.faults.totals();
  }

  private enqueue(printer: { id: string; name: string } | null, type: AlertType, alertId: string, severity: string, params: AlertParams, raisedAt: Date): void {
    const { subject, message } = alertText(this.transports.locale, type, printer?.name ?? null, params);
    this.queue.push({
      type,
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
      const { type, notice } = item;
      const settings = this.settings();
      const { webhookUrl, smtpUrl, emailFrom } = this.transports;
      if (webhookUrl && settings.notify.webhook.includes(type)) {
        await this.faults.guard("webhook", async () => {
          await postWebhook(webhookUrl, notice);
          this.sent.webhook += 1;
        });
      }
      if (smtpUrl && settings.notify.emailTo.length > 0 && settings.notify.email.includes(type)) {
        await this.faults.guard("email", async () => {
          await sendAlertMail(smtpUrl, emailFrom, settings.notify.emailTo, notice);
          this.sent.email += 1;
        });
      }
    }
  }
}
