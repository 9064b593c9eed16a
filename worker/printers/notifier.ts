import { postWebhook, sendAlertMail, type AlertNotice } from "@/lib/alerts/channels";
import { alertText } from "@/lib/alerts/message";
import type { AlertSettings, AlertTransports } from "@/lib/alerts/settings";
import type { AlertType } from "@/lib/alerts/types";
import { logger } from "@/lib/log/logger";
import type { RaisedNotice } from "./alert-evaluator";
import { FaultLog } from "./faults";

/**
 * Sends raised alerts to the webhook and by e-mail, each channel only for the alert
 * types opted in. Sends run one after another off the printers' path: a slow or dead
 * mail server delays notifications, never a printer. Failures are logged once per
 * channel and counted; a full queue drops the oldest notice.
 */

const MAX_QUEUE = 200;

export class AlertNotifier {
  private readonly queue: { type: AlertType; notice: AlertNotice }[] = [];
  private running: Promise<void> | null = null;
  private readonly faults = new FaultLog(logger("notify"));
  sent = { webhook: 0, email: 0 };
  dropped = 0;

  constructor(
    private readonly transports: AlertTransports,
    private readonly settings: () => AlertSettings,
  ) {}

  notify(printer: { id: string; name: string }, notice: RaisedNotice): void {
    const { subject, message } = alertText(this.transports.locale, notice.type, printer.name, notice.params);
    this.queue.push({
      type: notice.type,
      notice: {
        alertId: notice.alertId,
        type: notice.type,
        severity: notice.severity,
        printer,
        params: notice.params,
        message,
        subject,
        raisedAt: notice.raisedAt.toISOString(),
      },
    });
    if (this.queue.length > MAX_QUEUE) {
      this.queue.shift();
      this.dropped += 1;
    }
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  /** Waits for queued notices (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  failures(): Record<string, number> {
    return this.faults.totals();
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
