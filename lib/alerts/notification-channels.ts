import { z } from "zod";
import { apiError } from "@/lib/api/errors";
import { decrypt, encrypt } from "@/lib/crypto/envelope";
import { loadKeyring, type Keyring } from "@/lib/crypto/keyring";
import { db } from "@/lib/db";
import {
  channelNames,
  emailConfigSchema,
  routingSchema,
  webhookConfigSchema,
  type ChannelInput,
  type ChannelName,
  type ChannelRouting,
  type ChannelView,
  type EmailConfig,
  type WebhookConfig,
} from "./notification-schemas";
import { alertTransports, type AlertSettings } from "./settings";
import { alertSeverities } from "./types";

/**
 * The notification channels as they are used: a NotificationChannel row where the admin
 * saved one, otherwise what the environment says (PRINTERNIZER_ALERT_WEBHOOK_URL,
 * PRINTERNIZER_SMTP_URL with the types of the alert settings). A saved row replaces the
 * environment for its channel entirely. Secrets are sealed per channel and field, so an
 * envelope copied to another channel or field does not open.
 */

export type ChannelSource = "database" | "environment" | "none";

export interface SmtpServer {
  host: string;
  port: number;
  tls: EmailConfig["tls"];
  user: string | null;
  password: string | null;
}

export type ResolvedChannel =
  | { channel: "webhook"; source: ChannelSource; routing: ChannelRouting; config: WebhookConfig; url: string; headerValue: string | null }
  | { channel: "email"; source: ChannelSource; routing: ChannelRouting; config: EmailConfig; password: string | null }
  | { channel: "ntfy"; source: ChannelSource; routing: ChannelRouting; url: string };

export function channelAad(channel: ChannelName, field: string): string {
  return `printernizer:notification-channel:${channel}:${field}`;
}

const secretsSchema = z.record(z.string(), z.string());

function sealField(channel: ChannelName, field: string, value: string, keyring: Keyring): string {
  return encrypt(value, keyring, channelAad(channel, field));
}

function openField(channel: ChannelName, field: string, secrets: Record<string, string>, keyring: Keyring): string | null {
  const sealed = secrets[field];
  return sealed === undefined ? null : decrypt(sealed, keyring, channelAad(channel, field));
}

const allSeverities = [...alertSeverities];

/** The environment's channels (with the types of the alert settings): what applies while no row is saved. */
export function envChannels(settings: AlertSettings, env: Record<string, string | undefined> = process.env): Record<ChannelName, ResolvedChannel | null> {
  const transports = alertTransports(env);
  const webhook: ResolvedChannel | null = transports.webhookUrl
    ? {
        channel: "webhook",
        source: "environment",
        routing: { enabled: true, types: settings.notify.webhook, severities: allSeverities, holdNonUrgent: true },
        config: { headerName: null },
        url: transports.webhookUrl,
        headerValue: null,
      }
    : null;
  let email: ResolvedChannel | null = null;
  if (transports.smtpUrl) {
    const url = new URL(transports.smtpUrl);
    const implicitTls = url.protocol === "smtps:";
    email = {
      channel: "email",
      source: "environment",
      routing: { enabled: settings.notify.emailTo.length > 0, types: settings.notify.email, severities: allSeverities, holdNonUrgent: true },
      config: {
        host: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port ? Number(url.port) : implicitTls ? 465 : 587,
        tls: implicitTls ? "tls" : "none",
        user: url.username ? decodeURIComponent(url.username) : null,
        from: transports.emailFrom,
        to: settings.notify.emailTo,
      },
      password: url.password ? decodeURIComponent(url.password) : null,
    };
  }
  return { webhook, email, ntfy: null };
}

interface ChannelRow {
  channel: string;
  enabled: boolean;
  config: string;
  secrets: string;
  types: string;
  severities: string;
  holdNonUrgent: boolean;
}

function fromRow(row: ChannelRow, keyring: Keyring): ResolvedChannel | null {
  const channel = channelNames.find((c) => c === row.channel);
  if (!channel) return null;
  // Types no longer in the catalogue are dropped, the rest stay.
  const routing = routingSchema.parse({
    enabled: row.enabled,
    types: z.array(z.string()).parse(JSON.parse(row.types)).filter((t) => routingSchema.shape.types.element.safeParse(t).success),
    severities: JSON.parse(row.severities),
    holdNonUrgent: row.holdNonUrgent,
  });
  const config: unknown = JSON.parse(row.config);
  const secrets = secretsSchema.parse(JSON.parse(row.secrets));
  switch (channel) {
    case "webhook": {
      const url = openField(channel, "url", secrets, keyring);
      if (url === null) return null;
      return { channel, source: "database", routing, config: webhookConfigSchema.parse(config), url, headerValue: openField(channel, "headerValue", secrets, keyring) };
    }
    case "email":
      return { channel, source: "database", routing, config: emailConfigSchema.parse(config), password: openField(channel, "password", secrets, keyring) };
    case "ntfy": {
      const url = openField(channel, "url", secrets, keyring);
      return url === null ? null : { channel, source: "database", routing, url };
    }
  }
}

/** Every channel as it is used now, secrets opened (worker and test sends only). */
export async function resolveChannels(settings: AlertSettings): Promise<Record<ChannelName, ResolvedChannel | null>> {
  const resolved = envChannels(settings);
  const rows = await db.notificationChannel.findMany();
  if (rows.length === 0) return resolved;
  const keyring = await loadKeyring();
  for (const row of rows) {
    const channel = fromRow(row, keyring);
    if (channel) resolved[channel.channel] = channel;
  }
  return resolved;
}

/** Whether some channel is on and carries at least one alert type (the first-steps check; no secret opened). */
export async function someChannelRouted(settings: AlertSettings): Promise<boolean> {
  const env = envChannels(settings);
  const rows = await db.notificationChannel.findMany({ select: { channel: true, enabled: true, types: true } });
  const saved = new Map(rows.map((row) => [row.channel, row.enabled && z.array(z.string()).parse(JSON.parse(row.types)).length > 0]));
  return channelNames.some((name) => saved.get(name) ?? (env[name] !== null && env[name].routing.enabled && env[name].routing.types.length > 0));
}

export function toChannelView(channel: ChannelName, resolved: ResolvedChannel | null): ChannelView {
  const empty: ChannelView = {
    channel,
    source: "none",
    routing: { enabled: false, types: [], severities: allSeverities, holdNonUrgent: true },
    webhook: null,
    email: null,
    ntfy: null,
  };
  if (!resolved) return empty;
  const base = { ...empty, source: resolved.source, routing: resolved.routing };
  switch (resolved.channel) {
    case "webhook":
      return { ...base, webhook: { ...resolved.config, urlOrigin: new URL(resolved.url).origin, headerValueStored: resolved.headerValue !== null } };
    case "email":
      return { ...base, email: { ...resolved.config, passwordStored: resolved.password !== null } };
    case "ntfy":
      return { ...base, ntfy: { urlOrigin: new URL(resolved.url).origin } };
  }
}

/**
 * The channel the input describes, with its secrets: the typed ones, else the current
 * ones. A URL left out keeps the stored one. The webhook's header value and the SMTP
 * password are kept only while they would go to the same place (webhook URL and header
 * name; SMTP host, port, TLS and user unchanged); otherwise they must be typed again
 * (422 secret_required on the field), so a stored password never goes to a new server.
 */
export function applyInput(input: ChannelInput, current: ResolvedChannel | null): ResolvedChannel {
  const { enabled, types, severities, holdNonUrgent } = input;
  const routing: ChannelRouting = { enabled, types: [...new Set(types)], severities: [...new Set(severities)], holdNonUrgent };
  switch (input.channel) {
    case "webhook": {
      const config: WebhookConfig = { headerName: input.headerName };
      const previous = current?.channel === "webhook" ? current : null;
      const url = input.url ?? previous?.url;
      if (url === undefined) throw missing("url");
      const same = previous !== null && previous.url === url && previous.config.headerName === config.headerName;
      const headerValue = config.headerName === null ? null : (input.headerValue ?? (same ? previous.headerValue : null));
      if (config.headerName !== null && headerValue === null) throw secretRequired("headerValue");
      return { channel: "webhook", source: "database", routing, config, url, headerValue };
    }
    case "email": {
      const config: EmailConfig = { host: input.host, port: input.port, tls: input.tls, user: input.user, from: input.from, to: [...new Set(input.to)] };
      const c = current?.channel === "email" ? current.config : null;
      const same = c !== null && c.host === config.host && c.port === config.port && c.tls === config.tls && c.user === config.user;
      const kept = same && current?.channel === "email" ? current.password : null;
      const password = config.user === null ? null : (input.password ?? kept);
      if (config.user !== null && password === null) throw secretRequired("password");
      return { channel: "email", source: "database", routing, config, password };
    }
    case "ntfy": {
      const url = input.url ?? (current?.channel === "ntfy" ? current.url : undefined);
      if (url === undefined) throw missing("url");
      return { channel: "ntfy", source: "database", routing, url };
    }
  }
}

function missing(field: string) {
  return apiError("validation_failed", { issues: [{ path: field, code: "required", message: "required: nothing is stored yet" }] });
}

function secretRequired(field: string) {
  return apiError("validation_failed", { issues: [{ path: field, code: "secret_required", message: "type the secret again: where it is sent has changed" }] });
}

/** Stores a channel (replacing the environment's for it), secrets sealed. */
export async function saveChannel(resolved: ResolvedChannel): Promise<void> {
  const keyring = await loadKeyring();
  const secrets: Record<string, string> = {};
  if (resolved.channel === "webhook") {
    secrets.url = sealField("webhook", "url", resolved.url, keyring);
    if (resolved.headerValue !== null) secrets.headerValue = sealField("webhook", "headerValue", resolved.headerValue, keyring);
  }
  if (resolved.channel === "email" && resolved.password !== null) secrets.password = sealField("email", "password", resolved.password, keyring);
  if (resolved.channel === "ntfy") secrets.url = sealField("ntfy", "url", resolved.url, keyring);
  const data = {
    enabled: resolved.routing.enabled,
    config: JSON.stringify(resolved.channel === "ntfy" ? {} : resolved.config),
    secrets: JSON.stringify(secrets),
    types: JSON.stringify(resolved.routing.types),
    severities: JSON.stringify(resolved.routing.severities),
    holdNonUrgent: resolved.routing.holdNonUrgent,
  };
  await db.notificationChannel.upsert({ where: { channel: resolved.channel }, create: { channel: resolved.channel, ...data }, update: data });
}

/** Removes a channel's row: the environment applies again. */
export async function resetChannel(channel: ChannelName): Promise<void> {
  await db.notificationChannel.deleteMany({ where: { channel } });
}

/** Re-seals every saved channel secret under the active key (keys:rotate); how many channels. */
export async function resealChannelSecrets(): Promise<number> {
  const keyring = await loadKeyring();
  const rows = await db.notificationChannel.findMany({ select: { channel: true, secrets: true } });
  let count = 0;
  for (const row of rows) {
    const channel = channelNames.find((c) => c === row.channel);
    if (!channel) continue;
    const sealed = secretsSchema.parse(JSON.parse(row.secrets));
    const resealed = Object.fromEntries(
      Object.keys(sealed).map((field) => [field, sealField(channel, field, openField(channel, field, sealed, keyring) ?? "", keyring)]),
    );
    await db.notificationChannel.update({ where: { channel }, data: { secrets: JSON.stringify(resealed) } });
    count += 1;
  }
  return count;
}
