import nodemailer from "nodemailer";
import { request } from "undici";
import type { ResolvedChannel } from "./notification-channels";
import type { TestOutcome } from "./notification-schemas";

/**
 * Sends one notice on one channel: a webhook (POST JSON, optional secret header), e-mail
 * over SMTP, or an ntfy topic. Each send has a deadline and answers what happened
 * (delivered, or the stage that failed and the server's answer) instead of throwing;
 * the worker's notifier and the page's "Send test" read the same answer.
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

/** "alert.raised" for alerts, "alert.test" for the page's test send. */
export type NoticeEvent = "alert.raised" | "alert.test";

const TIMEOUT_MS = 10_000;
const ANSWER_CHARS = 300;

function outcome(partial: Partial<TestOutcome>): TestOutcome {
  return { delivered: false, stage: null, httpStatus: null, smtpCode: null, response: null, ...partial };
}

function shorten(text: string): string | null {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat === "" ? null : flat.slice(0, ANSWER_CHARS);
}

function failureStage(err: unknown): TestOutcome["stage"] {
  const code = typeof err === "object" && err !== null && "code" in err ? String(err.code) : "";
  const name = err instanceof Error ? err.name : "";
  if (code === "EAUTH") return "auth";
  if (code === "ETLS" || /CERT|SSL|TLS/.test(code)) return "tls";
  if (code === "EENVELOPE" || code === "EMESSAGE") return "rejected";
  if (code === "ETIMEDOUT" || /Timeout/.test(code) || name === "TimeoutError" || name === "AbortError") return "timeout";
  return "connect";
}

function errorText(err: unknown): string | null {
  if (typeof err === "object" && err !== null && "response" in err && typeof err.response === "string") return shorten(err.response);
  return err instanceof Error ? shorten(err.message) : null;
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<TestOutcome> {
  try {
    const response = await request(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Printernizer", ...headers },
      body,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.body.text();
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    return outcome({ delivered: ok, stage: ok ? null : "rejected", httpStatus: response.statusCode, response: shorten(text) });
  } catch (err) {
    return outcome({ stage: failureStage(err), response: errorText(err) });
  }
}

/** ntfy priorities: 5 urgent, 4 high, 3 default. */
const ntfyPriority: Record<string, number> = { critical: 5, warning: 4, info: 3 };

/** Publishes as JSON to the server root (titles in any language; headers would need RFC 2047). */
function ntfyRequest(topicUrl: string, notice: AlertNotice): { url: string; body: string } {
  const url = new URL(topicUrl);
  const parts = url.pathname.replace(/\/+$/, "").split("/");
  const topic = parts.pop() ?? "";
  url.pathname = `${parts.join("/")}/`;
  url.search = "";
  return {
    url: url.toString(),
    body: JSON.stringify({ topic, title: notice.subject, message: notice.message, priority: ntfyPriority[notice.severity] ?? 3, tags: [notice.type] }),
  };
}

async function sendMail(channel: Extract<ResolvedChannel, { channel: "email" }>, notice: AlertNotice): Promise<TestOutcome> {
  const { host, port, tls, user, from, to } = channel.config;
  const transport = nodemailer.createTransport({
    host,
    port,
    secure: tls === "tls",
    requireTLS: tls === "starttls",
    auth: user !== null && channel.password !== null ? { user, pass: channel.password } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    const info = await transport.sendMail({ from, to, subject: notice.subject, text: `${notice.message}\n\n${notice.raisedAt}` });
    const reply = typeof info.response === "string" ? info.response : "";
    return outcome({ delivered: true, smtpCode: Number.parseInt(reply, 10) || null, response: shorten(reply) });
  } catch (err) {
    const code = typeof err === "object" && err !== null && "responseCode" in err && typeof err.responseCode === "number" ? err.responseCode : null;
    return outcome({ stage: failureStage(err), smtpCode: code, response: errorText(err) });
  } finally {
    transport.close();
  }
}

export async function deliver(channel: ResolvedChannel, notice: AlertNotice, event: NoticeEvent = "alert.raised"): Promise<TestOutcome> {
  switch (channel.channel) {
    case "webhook": {
      const { headerName } = channel.config;
      const headers = headerName !== null && channel.headerValue !== null ? { [headerName]: channel.headerValue } : {};
      return post(channel.url, headers, JSON.stringify({ event, alert: notice }));
    }
    case "email":
      return sendMail(channel, notice);
    case "ntfy": {
      const { url, body } = ntfyRequest(channel.url, notice);
      return post(url, {}, body);
    }
  }
}

/** A failed delivery as an error for the notifier's fault log (no secrets: status and answer only). */
export class DeliveryError extends Error {
  override name = "DeliveryError";
  constructor(readonly outcome: TestOutcome) {
    super(`delivery failed at ${outcome.stage ?? "unknown"}${outcome.httpStatus ? ` (HTTP ${outcome.httpStatus})` : ""}${outcome.smtpCode ? ` (SMTP ${outcome.smtpCode})` : ""}`);
  }
}
