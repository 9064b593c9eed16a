import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { isApiError } from "@/lib/api/errors";
import { decrypt, envelopeKeyId } from "@/lib/crypto/envelope";
import { loadKeyring } from "@/lib/crypto/keyring";
import { db } from "@/lib/db";
import { rotateKeysCommand } from "@/lib/printers/cli-commands";
import { useTempDatabase } from "@/testing/db/temp-database";
import { applyInput, channelAad, envChannels, resolveChannels, saveChannel, someChannelRouted, toChannelView } from "./notification-channels";
import { channelBodySchema, type ChannelInput } from "./notification-schemas";
import { alertSettingsPatchSchema, alertSettingsSchema, limitsFor, mergeSettings } from "./settings";

/** Channel settings: environment fallback and precedence, sealed secrets, when a stored secret may be reused, limits per kind. */

let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
});
afterAll(() => cleanup());

const settings = alertSettingsSchema.parse({ notify: { webhook: ["overheat"], email: ["print_failed"], emailTo: ["werkstatt@example.com"] } });
const routing = { enabled: true, types: ["overheat", "low_stock"], severities: ["critical", "info"], holdNonUrgent: false };
const email = (change: Record<string, unknown> = {}): ChannelInput =>
  channelBodySchema.parse({
    channel: "email",
    ...routing,
    host: "mail.example.com",
    port: 587,
    tls: "starttls",
    user: "shop",
    from: "Druckerei <alarme@example.com>",
    to: ["werkstatt@example.com"],
    ...change,
  });

function issueOf(fn: () => unknown): { path: string; code: string } | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (!isApiError(err)) throw err;
    const { issues } = z.object({ issues: z.array(z.object({ path: z.string(), code: z.string() })) }).parse(err.details);
    return issues[0];
  }
}

describe("channels from the environment", () => {
  it("reads the webhook and the SMTP URL with its user, password and TLS, routed by the alert settings", () => {
    const env = envChannels(settings, {
      PRINTERNIZER_ALERT_WEBHOOK_URL: "https://hooks.example.com/abc?token=t1",
      PRINTERNIZER_SMTP_URL: "smtps://shop%40example.com:p%C3%A4ss@mail.example.com",
      PRINTERNIZER_ALERT_EMAIL_FROM: "Shop <shop@example.com>",
    });
    expect(env.webhook).toMatchObject({ source: "environment", url: "https://hooks.example.com/abc?token=t1", routing: { enabled: true, types: ["overheat"], holdNonUrgent: true } });
    expect(env.email).toMatchObject({
      source: "environment",
      config: { host: "mail.example.com", port: 465, tls: "tls", user: "shop@example.com", from: "Shop <shop@example.com>", to: ["werkstatt@example.com"] },
      password: "päss",
      routing: { enabled: true, types: ["print_failed"], severities: ["info", "warning", "critical"] },
    });
    expect(env.ntfy).toBeNull();
    const plain = envChannels(settings, { PRINTERNIZER_SMTP_URL: "smtp://relay.local" });
    expect(plain.email).toMatchObject({ config: { host: "relay.local", port: 587, tls: "none", user: null }, password: null });
    expect(plain.webhook).toBeNull();
  });

  it("a saved channel takes precedence over the environment, the others stay from it", async () => {
    process.env.PRINTERNIZER_ALERT_WEBHOOK_URL = "https://env.example.com/hook";
    process.env.PRINTERNIZER_SMTP_URL = "smtp://env-relay.local:25";
    try {
      await saveChannel(applyInput(email({ password: "mail-secret" }), null));
      const resolved = await resolveChannels(settings);
      expect(resolved.email).toMatchObject({ source: "database", config: { host: "mail.example.com" }, password: "mail-secret", routing });
      expect(resolved.webhook).toMatchObject({ source: "environment", url: "https://env.example.com/hook" });
      expect(toChannelView("email", resolved.email)).toMatchObject({ source: "database", email: { passwordStored: true } });
      expect(JSON.stringify(toChannelView("email", resolved.email))).not.toContain("mail-secret");
    } finally {
      delete process.env.PRINTERNIZER_ALERT_WEBHOOK_URL;
      delete process.env.PRINTERNIZER_SMTP_URL;
      await db.notificationChannel.deleteMany();
    }
  });
});

describe("sealed secrets", () => {
  it("stores the URL and header value only as envelopes bound to channel and field", async () => {
    const input = channelBodySchema.parse({ channel: "webhook", ...routing, url: "https://hooks.example.com/T0/secret-path", headerName: "X-Token", headerValue: "header-secret" });
    await saveChannel(applyInput(input, null));
    const row = await db.notificationChannel.findUniqueOrThrow({ where: { channel: "webhook" } });
    expect(JSON.stringify(row)).not.toContain("secret-path");
    expect(JSON.stringify(row)).not.toContain("header-secret");
    const sealed = JSON.parse(row.secrets) as Record<string, string>;
    const keyring = await loadKeyring();
    expect(decrypt(sealed.headerValue, keyring, channelAad("webhook", "headerValue"))).toBe("header-secret");
    // Moved to another field or channel, the envelope does not open.
    expect(() => decrypt(sealed.headerValue, keyring, channelAad("webhook", "url"))).toThrow();
    expect(() => decrypt(sealed.url, keyring, channelAad("ntfy", "url"))).toThrow();
    const view = toChannelView("webhook", (await resolveChannels(settings)).webhook);
    expect(view.webhook).toEqual({ headerName: "X-Token", urlOrigin: "https://hooks.example.com", headerValueStored: true });
    await db.notificationChannel.deleteMany();
  });
});

describe("keys:rotate", () => {
  it("re-seals the channel secrets under the new key, and they still open", async () => {
    await saveChannel(applyInput(channelBodySchema.parse({ channel: "ntfy", ...routing, url: "https://ntfy.sh/werkstatt-geheim" }), null));
    const before = (JSON.parse((await db.notificationChannel.findUniqueOrThrow({ where: { channel: "ntfy" } })).secrets) as Record<string, string>).url;
    const { keyId, channels } = await rotateKeysCommand();
    expect(channels).toBe(1);
    const after = (JSON.parse((await db.notificationChannel.findUniqueOrThrow({ where: { channel: "ntfy" } })).secrets) as Record<string, string>).url;
    expect(envelopeKeyId(after)).toBe(keyId);
    expect(envelopeKeyId(after)).not.toBe(envelopeKeyId(before));
    expect((await resolveChannels(settings)).ntfy).toMatchObject({ url: "https://ntfy.sh/werkstatt-geheim" });
    await db.notificationChannel.deleteMany();
  });
});

describe("reusing a stored secret", () => {
  it("keeps the SMTP password while host, port, TLS and user stay, and asks for it again after a change", () => {
    const stored = applyInput(email({ password: "mail-secret" }), null);
    expect(applyInput(email({ to: ["neu@example.com"] }), stored)).toMatchObject({ password: "mail-secret", config: { to: ["neu@example.com"] } });
    for (const change of [{ host: "mail.attacker.example" }, { port: 25 }, { tls: "none" }, { user: "other" }]) {
      expect(issueOf(() => applyInput(email(change), stored))).toEqual({ path: "password", code: "secret_required" });
    }
    expect(applyInput(email({ host: "smtp.example.com", password: "new-secret" }), stored)).toMatchObject({ password: "new-secret" });
    expect(applyInput(email({ user: null }), stored)).toMatchObject({ password: null });
  });

  it("keeps the webhook URL when left out, the header value only for the same URL and header", () => {
    const base = { channel: "webhook", ...routing, headerName: "X-Token" };
    const stored = applyInput(channelBodySchema.parse({ ...base, url: "https://hooks.example.com/a", headerValue: "h1" }), null);
    expect(applyInput(channelBodySchema.parse(base), stored)).toMatchObject({ url: "https://hooks.example.com/a", headerValue: "h1" });
    expect(issueOf(() => applyInput(channelBodySchema.parse({ ...base, url: "https://elsewhere.example.com/" }), stored))).toEqual({ path: "headerValue", code: "secret_required" });
    expect(issueOf(() => applyInput(channelBodySchema.parse({ ...base, headerName: "Authorization" }), stored))).toEqual({ path: "headerValue", code: "secret_required" });
    expect(issueOf(() => applyInput(channelBodySchema.parse({ channel: "ntfy", ...routing }), null))).toEqual({ path: "url", code: "required" });
  });

  it("refuses addresses, headers and senders that are not ones", () => {
    const refused = (body: Record<string, unknown>) => channelBodySchema.safeParse(body).success === false;
    expect(refused({ ...email(), host: "192.168.1.300" })).toBe(true);
    expect(refused({ ...email(), from: "Shop <not an address>" })).toBe(true);
    expect(refused({ ...email(), to: [] })).toBe(true);
    expect(refused({ channel: "webhook", ...routing, headerName: "Content-Type", headerValue: "x" })).toBe(true);
    expect(refused({ channel: "webhook", ...routing, headerName: "X-A", headerValue: "a\r\nInjected: 1" })).toBe(true);
    expect(refused({ channel: "webhook", ...routing, headerName: null, url: "ftp://example.com/" })).toBe(true);
    expect(refused({ channel: "ntfy", ...routing, url: "https://ntfy.sh/" })).toBe(true);
    expect(refused({ channel: "ntfy", ...routing, url: "NaN" })).toBe(true);
    expect(refused({ channel: "webhook", ...routing, types: ["everything"], headerName: null })).toBe(true);
    expect(refused({ ...email(), host: "fe80::1" })).toBe(false);
  });
});

describe("first steps", () => {
  it("counts notifications as set up once a channel is on and carries some alert", async () => {
    expect(await someChannelRouted(settings)).toBe(false);
    await saveChannel(applyInput(channelBodySchema.parse({ channel: "ntfy", ...routing, enabled: false, url: "https://ntfy.sh/werkstatt" }), null));
    expect(await someChannelRouted(settings)).toBe(false);
    await saveChannel(applyInput(channelBodySchema.parse({ channel: "ntfy", ...routing, url: "https://ntfy.sh/werkstatt" }), null));
    expect(await someChannelRouted(settings)).toBe(true);
    await db.notificationChannel.deleteMany();
  });
});

describe("limits per printer kind", () => {
  it("a kind's own limits replace the general ones for its printers only", () => {
    const patch = alertSettingsPatchSchema.parse({ nozzleMaxC: 290, kinds: { prusalink: { nozzleMaxC: 280, bedMaxC: 110 } } });
    const merged = mergeSettings(alertSettingsSchema.parse({}), patch);
    expect(limitsFor(merged, "prusalink")).toMatchObject({ nozzleMaxC: 280, bedMaxC: 110, heatingTimeoutSeconds: 900 });
    expect(limitsFor(merged, "bambu")).toMatchObject({ nozzleMaxC: 290, bedMaxC: 120 });
    expect(alertSettingsPatchSchema.safeParse({ kinds: { unknownkind: { nozzleMaxC: 250 } } }).success).toBe(false);
    expect(alertSettingsPatchSchema.safeParse({ kinds: { bambu: { nozzleMaxC: 9000 } } }).success).toBe(false);
  });
});
