import nodemailer, { type Transporter } from "nodemailer";
import { request } from "undici";

/**
 * Where alert notifications go: a webhook (POST JSON) and e-mail over SMTP. Each send
 * has a deadline and throws on failure; the worker's notifier decides what to do then.
 */

export interface AlertNotice {
  alertId: string;
  type: string;
  severity: string;
  printer: { id: string; name: string } | null;
  params: Record<string, string | number | boolean | null>;
  /** Localized one-line text. */
  message: string;
  /** Localized subject line. */
  subject: string;
  raisedAt: string;
}

const TIMEOUT_MS = 10_000;

export async function postWebhook(url: string, notice: AlertNotice): Promise<void> {
  const response = await request(url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "Printernizer" },
    body: JSON.stringify({ event: "alert.raised", alert: notice }),
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await response.body.dump();
  if (response.statusCode < 200 || response.statusCode >= 300) throw new Error(`webhook answered HTTP ${response.statusCode}`);
}

const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    });
    transports.set(smtpUrl, transport);
  }
  return transport;
}

export async function sendAlertMail(smtpUrl: string, from: string, to: string[], notice: AlertNotice): Promise<void> {
  await transportFor(smtpUrl).sendMail({
    from,
    to,
    subject: notice.subject,
    text: `${notice.message}\n\n${notice.raisedAt}`,
  });
}
