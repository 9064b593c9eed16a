import { z } from "zod";
import { hostSchema } from "@/lib/printers/fields";
import { alertSeverities, alertTypes } from "./types";

/**
 * What an admin sets per notification channel on the notifications page: where it goes
 * and which alerts it carries. Secrets are write-only: the webhook and ntfy URLs (they
 * often carry a token or are the secret themselves), the webhook's header value and the
 * SMTP password. The view shows whether one is stored (and a URL's origin); an update
 * without one keeps it.
 */

export const channelNames = ["webhook", "email", "ntfy"] as const;
export type ChannelName = (typeof channelNames)[number];

/** tls: implicit TLS (port 465); starttls: STARTTLS required; none: STARTTLS only when the server offers it. */
export const smtpTlsModes = ["tls", "starttls", "none"] as const;
export type SmtpTlsMode = (typeof smtpTlsModes)[number];

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);
/** An HTTP header name (RFC 9110 token), not one the request sets itself. */
const headerName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "not a header name")
  .refine((name) => !["content-type", "content-length", "host", "user-agent"].includes(name.toLowerCase()), "header set by Printernizer");
/** Header values are sent as they are: no line breaks, printable ASCII. */
const headerValue = z.string().min(1).max(1000).regex(/^[\x20-\x7e]+$/, "not a header value");
const mailbox = z.email().max(254);
/** "Shop <alerts@example.com>" or a bare address. */
const sender = z
  .string()
  .trim()
  .min(3)
  .max(300)
  .refine((value) => {
    const inAngles = /^[^<>\r\n]*<([^<>\s]+)>$/.exec(value);
    return mailbox.safeParse(inAngles ? inAngles[1] : value).success;
  }, "not an e-mail sender");

export const routingSchema = z.object({
  enabled: z.boolean(),
  /** Alert types sent on this channel (the catalogue in lib/alerts/types.ts). */
  types: z.array(z.enum(alertTypes)).max(alertTypes.length),
  severities: z.array(z.enum(alertSeverities)).max(alertSeverities.length),
  /** Non-urgent alerts wait for the next business-hours start; alerts about a printer never wait. */
  holdNonUrgent: z.boolean(),
});
export type ChannelRouting = z.infer<typeof routingSchema>;

export const webhookConfigSchema = z.object({ headerName: headerName.nullable() });
export const emailConfigSchema = z.object({
  host: hostSchema,
  port: z.number().int().min(1).max(65535),
  tls: z.enum(smtpTlsModes),
  user: z.string().trim().min(1).max(254).nullable(),
  from: sender,
  to: z.array(mailbox).min(1).max(20),
});
// Refinements run even after the URL check failed: parse safely.
const ntfyUrl = httpUrl.refine((url) => URL.canParse(url) && new URL(url).pathname.replace(/\/+$/, "") !== "", "no topic in the URL");

export type WebhookConfig = z.infer<typeof webhookConfigSchema>;
export type EmailConfig = z.infer<typeof emailConfigSchema>;

/** PUT /api/alerts/channels and its test: one channel's settings plus, optionally, a new secret. */
export const webhookInputSchema = z.strictObject({
  channel: z.literal("webhook"),
  ...routingSchema.shape,
  ...webhookConfigSchema.shape,
  url: httpUrl.optional(),
  headerValue: headerValue.optional(),
});
export const emailInputSchema = z.strictObject({
  channel: z.literal("email"),
  ...routingSchema.shape,
  ...emailConfigSchema.shape,
  password: z.string().min(1).max(500).optional(),
});
export const ntfyInputSchema = z.strictObject({ channel: z.literal("ntfy"), ...routingSchema.shape, url: ntfyUrl.optional() });

export const channelBodySchema = z.discriminatedUnion("channel", [webhookInputSchema, emailInputSchema, ntfyInputSchema]);
export type ChannelInput = z.infer<typeof channelBodySchema>;

export const channelParamsSchema = z.object({ channel: z.enum(channelNames) });

const sourceSchema = z.enum(["database", "environment", "none"]);

export const channelViewSchema = z.object({
  channel: z.enum(channelNames),
  /** database: set on the page; environment: from the PRINTERNIZER_* variables; none: not set up. */
  source: sourceSchema,
  routing: routingSchema,
  webhook: webhookConfigSchema.extend({ urlOrigin: z.string(), headerValueStored: z.boolean() }).nullable(),
  email: emailConfigSchema.extend({ passwordStored: z.boolean() }).nullable(),
  /** Only the origin of a stored URL is shown (https://ntfy.sh), never its path. */
  ntfy: z.object({ urlOrigin: z.string() }).nullable(),
});
export type ChannelView = z.infer<typeof channelViewSchema>;

export const channelsViewSchema = z.object({
  channels: z.array(channelViewSchema),
  /** The alert type catalogue: every type with its fixed severity and whether it is non-urgent. */
  catalogue: z.array(z.object({ type: z.enum(alertTypes), severity: z.enum(alertSeverities), nonUrgent: z.boolean() })),
  severities: z.array(z.enum(alertSeverities)),
});
export type ChannelsView = z.infer<typeof channelsViewSchema>;

/** What a test send found: delivered, or where it failed and what the server answered. */
export const testOutcomeSchema = z.object({
  delivered: z.boolean(),
  /** connect: no connection; tls; auth: SMTP sign-in refused; rejected: the server refused the message; timeout. */
  stage: z.enum(["connect", "tls", "auth", "rejected", "timeout"]).nullable(),
  /** HTTP status of a webhook or ntfy answer. */
  httpStatus: z.number().int().nullable(),
  /** SMTP reply code of the answer that decided. */
  smtpCode: z.number().int().nullable(),
  /** The server's answer, shortened (SMTP reply text, start of an HTTP body). */
  response: z.string().nullable(),
});
export type TestOutcome = z.infer<typeof testOutcomeSchema>;
