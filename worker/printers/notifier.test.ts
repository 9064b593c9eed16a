import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyInput, envChannels, type ResolvedChannel } from "@/lib/alerts/notification-channels";
import { channelBodySchema } from "@/lib/alerts/notification-schemas";
import { alertSettingsSchema, type AlertSettings } from "@/lib/alerts/settings";
import { flagLowStock } from "@/lib/business/inventory/low-stock";
import { businessSettingsSchema } from "@/lib/business/settings/settings";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { AlertNotifier } from "./notifier";

/** Alert notifications to a real local webhook receiver and a real (minimal) SMTP server. */

const hooks: { body: string }[] = [];
let hookStatus = 200;
let webhook: http.Server;
const mails: string[] = [];
let smtp: net.Server;
let hookUrl = "";
let smtpUrl = "";
let cleanup: () => Promise<void>;

function portOf(server: net.Server): number {
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

/** Just enough SMTP for nodemailer: greeting, EHLO, MAIL, RCPT, DATA, QUIT. */
function startSmtp(): Promise<net.Server> {
  const server = net.createServer((socket) => {
    let buffer = "";
    let inData = false;
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          mails.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write("250 queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (line.startsWith("EHLO")) socket.write("250-test\r\n250 OK\r\n");
        else if (line.startsWith("DATA")) {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (line.startsWith("QUIT")) socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  webhook = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      hooks.push({ body });
      res.writeHead(hookStatus).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${portOf(webhook)}/hook`;
  smtp = await startSmtp();
  smtpUrl = `smtp://127.0.0.1:${portOf(smtp)}`;
});

afterAll(async () => {
  webhook.closeAllConnections();
  await new Promise((resolve) => webhook.close(resolve));
  await new Promise((resolve) => smtp.close(resolve));
  await cleanup();
});

/** The channels the environment describes, as a worker without saved channels uses them. */
function fromEnv(settings: AlertSettings, env: { webhookUrl?: string; smtpUrl?: string; from?: string }) {
  const channels = envChannels(settings, {
    PRINTERNIZER_ALERT_WEBHOOK_URL: env.webhookUrl,
    PRINTERNIZER_SMTP_URL: env.smtpUrl,
    PRINTERNIZER_ALERT_EMAIL_FROM: env.from,
  });
  return () => channels;
}

const settings = alertSettingsSchema.parse({
  notify: { webhook: ["overheat"], email: ["overheat", "print_failed"], emailTo: ["werkstatt@example.com"] },
});
const printer = { id: "p1", name: "A1 Werkstatt" };
const notice = (type: "overheat" | "print_failed" | "filament_runout", params: Record<string, string | number>) => ({
  alertId: `a-${type}-${hooks.length}-${mails.length}`,
  type,
  severity: "warning",
  params,
  raisedAt: new Date("2026-11-25T10:00:00Z"),
});

describe("AlertNotifier", () => {
  it("sends each alert type only where it is opted in, in German", async () => {
    const notifier = new AlertNotifier(fromEnv(settings, { webhookUrl: hookUrl, smtpUrl, from: "Printernizer <p@example.com>" }), () => "de");
    notifier.notify(printer, notice("overheat", { heater: "nozzle", current: 305.5, limit: 300, target: 220 }));
    notifier.notify(printer, notice("filament_runout", { code: "0x03008015" }));
    notifier.notify(printer, notice("print_failed", { job: "Benchy", code: "0x0500C010" }));
    await notifier.idle();

    expect(hooks).toHaveLength(1);
    const hook = JSON.parse(hooks[0].body) as { event: string; alert: { type: string; message: string; printer: { name: string } } };
    expect(hook).toMatchObject({ event: "alert.raised", alert: { type: "overheat", printer: { name: "A1 Werkstatt" } } });
    expect(hook.alert.message).toBe("A1 Werkstatt: Die Düse ist mit 305,5 °C überhitzt (Grenze 300 °C).");

    expect(mails).toHaveLength(2);
    expect(mails[0]).toContain("werkstatt@example.com");
    expect(mails[0]).toMatch(/Subject: =\?UTF-8\?Q\?Printernizer.*=C3=9Cberhitzung/);
    expect(mails[1]).toContain("Benchy");
    expect(notifier.sent).toEqual({ webhook: 1, email: 2, ntfy: 0 });
  });

  it("counts a failing webhook and carries on with the next alert", async () => {
    hooks.length = 0;
    const notifier = new AlertNotifier(fromEnv(settings, { webhookUrl: hookUrl }), () => "en");
    hookStatus = 500;
    notifier.notify(printer, notice("overheat", { heater: "bed", current: 130, limit: 120, target: 60 }));
    await notifier.idle();
    hookStatus = 200;
    notifier.notify(printer, notice("overheat", { heater: "bed", current: 131, limit: 120, target: 60 }));
    await notifier.idle();
    expect(hooks).toHaveLength(2);
    expect(notifier.failures()).toEqual({ webhook: 1 });
    expect(notifier.sent.webhook).toBe(1);
  });
});

describe("held notifications", () => {
  const heldSettings = alertSettingsSchema.parse({ notify: { webhook: ["overheat", "low_stock"] } });
  const business = businessSettingsSchema.parse({ lowStockGrams: 150 });

  async function lowSpool(color: string): Promise<string> {
    const material = await db.material.create({ data: { type: "PLA", brand: "Bambu", color, diameterMm: "1.75", pricePerKgCents: 2499 } });
    return (await db.spool.create({ data: { materialId: material.id, initialGrams: 1000, remainingGrams: 90 } })).id;
  }

  function notifierAt(at: { now: number }, heldPollMs?: number): AlertNotifier {
    return new AlertNotifier(fromEnv(heldSettings, { webhookUrl: hookUrl }), () => "de", { now: () => at.now, heldPollMs });
  }

  async function hooksAfterSendDue(notifier: AlertNotifier): Promise<number> {
    const sent = await notifier.sendDue();
    await notifier.idle();
    return sent;
  }

  it("holds a low-stock alert raised on Saturday 10:00 until Monday 08:00, across a worker restart", async () => {
    hooks.length = 0;
    hookStatus = 200;
    const saturday = Date.parse("2026-11-28T09:00:00Z");
    await flagLowStock(await lowSpool("Weiß"), business, new Date(saturday));
    const clock = { now: saturday };
    const first = notifierAt(clock);
    expect(await hooksAfterSendDue(first)).toBe(0);
    clock.now = Date.parse("2026-11-30T06:59:59Z");
    expect(await hooksAfterSendDue(first)).toBe(0);
    expect(hooks).toHaveLength(0);

    // A new worker process: the hold is on the alert row, not in memory.
    clock.now = Date.parse("2026-11-30T07:00:00Z");
    const restarted = notifierAt(clock, 20);
    restarted.start();
    for (let i = 0; i < 100 && hooks.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    await restarted.stop();
    await restarted.idle();
    expect(hooks).toHaveLength(1);
    const hook = JSON.parse(hooks[0].body) as { alert: { type: string; printer: unknown; subject: string; message: string } };
    expect(hook.alert).toMatchObject({ type: "low_stock", printer: null, subject: "Printernizer: Spule fast leer" });
    expect(hook.alert.message).toContain("nur noch 90 g");
    expect(await hooksAfterSendDue(restarted)).toBe(0);
    expect(hooks).toHaveLength(1);
  });

  it("holds a low-stock alert raised on Easter Saturday until Tuesday 08:00 (Good Friday and Easter Monday are holidays)", async () => {
    hooks.length = 0;
    await flagLowStock(await lowSpool("Schwarz"), business, new Date("2026-04-04T08:00:00Z"));
    const clock = { now: Date.parse("2026-04-06T06:00:00Z") };
    const notifier = notifierAt(clock);
    expect(await hooksAfterSendDue(notifier)).toBe(0);
    clock.now = Date.parse("2026-04-07T05:59:00Z");
    expect(await hooksAfterSendDue(notifier)).toBe(0);
    clock.now = Date.parse("2026-04-07T06:00:00Z");
    expect(await hooksAfterSendDue(notifier)).toBe(1);
    expect(hooks).toHaveLength(1);
  });

  it("sends nothing for a held alert someone acknowledged or that ended before business hours", async () => {
    hooks.length = 0;
    const spoolId = await lowSpool("Rot");
    await flagLowStock(spoolId, business, new Date("2026-11-28T09:00:00Z"));
    await db.alert.updateMany({ where: { subjectId: spoolId }, data: { acknowledgedAt: new Date("2026-11-28T10:00:00Z") } });
    expect(await hooksAfterSendDue(notifierAt({ now: Date.parse("2026-11-30T07:00:00Z") }))).toBe(0);
    expect(hooks).toHaveLength(0);
  });

  it("sends a printer overheating alert at night at once", async () => {
    hooks.length = 0;
    const night = Date.parse("2026-11-29T02:00:00Z");
    const notifier = notifierAt({ now: night });
    notifier.notify(printer, { ...notice("overheat", { heater: "nozzle", current: 320, limit: 300, target: 220 }), raisedAt: new Date(night) });
    await notifier.idle();
    expect(hooks).toHaveLength(1);
    expect(JSON.parse(hooks[0].body)).toMatchObject({ alert: { type: "overheat", printer: { name: "A1 Werkstatt" } } });
  });
});

describe("channels set on the notifications page", () => {
  const routed = (channel: "webhook" | "ntfy", path: string, change: Record<string, unknown>): ResolvedChannel =>
    applyInput(channelBodySchema.parse({ channel, enabled: true, types: ["overheat", "low_stock"], severities: ["critical", "info"], holdNonUrgent: true, url: `${hookUrl}/${path}`, ...(channel === "webhook" ? { headerName: null } : {}), ...change }), null);
  const business = businessSettingsSchema.parse({ lowStockGrams: 150 });

  it("sends by severity, publishes to ntfy as JSON, and a channel that does not hold gets a low-stock alert at once", async () => {
    hooks.length = 0;
    hookStatus = 200;
    const channels = { webhook: routed("webhook", "held", {}), email: null, ntfy: routed("ntfy", "topic-werkstatt", { holdNonUrgent: false }) };
    const clock = { now: Date.parse("2026-11-28T09:00:00Z") };
    const notifier = new AlertNotifier(() => channels, () => "en", { now: () => clock.now });

    // overheat is critical: both; heating_timeout is not routed anywhere.
    notifier.notify(printer, { ...notice("overheat", { heater: "nozzle", current: 320, limit: 300, target: 220 }), severity: "critical" });
    await notifier.idle();
    expect(hooks).toHaveLength(2);
    const ntfy = JSON.parse(hooks.find((h) => h.body.includes('"topic"'))?.body ?? "{}") as Record<string, unknown>;
    expect(ntfy).toMatchObject({ topic: "topic-werkstatt", priority: 5, tags: ["overheat"], title: "Printernizer: Overheating – A1 Werkstatt" });

    // A warning-level alert is not in either channel's severities.
    notifier.notify(printer, notice("overheat", { heater: "bed", current: 130, limit: 120, target: 60 }));
    await notifier.idle();
    expect(hooks).toHaveLength(2);

    hooks.length = 0;
    const material = await db.material.create({ data: { type: "PETG", brand: "Prusament", color: "Grün", diameterMm: "1.75", pricePerKgCents: 2999 } });
    const spool = await db.spool.create({ data: { materialId: material.id, initialGrams: 1000, remainingGrams: 80 } });
    await flagLowStock(spool.id, business, new Date(clock.now));
    await notifier.sendDue();
    await notifier.idle();
    expect(hooks.map((h) => (JSON.parse(h.body) as { topic?: string }).topic)).toEqual(["topic-werkstatt"]);
    clock.now = Date.parse("2026-11-30T07:00:00Z");
    await notifier.sendDue();
    await notifier.idle();
    expect(hooks).toHaveLength(2);
    expect(JSON.parse(hooks[1].body)).toMatchObject({ event: "alert.raised", alert: { type: "low_stock" } });
    expect(notifier.sent).toEqual({ webhook: 2, email: 0, ntfy: 2 });
  });
});
