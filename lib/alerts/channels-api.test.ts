import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as resetRoute from "@/app/api/alerts/channels/[channel]/route";
import * as channelsRoute from "@/app/api/alerts/channels/route";
import * as testRoute from "@/app/api/alerts/channels/test/route";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { useTempDatabase } from "@/testing/db/temp-database";
import { TEST_SENDS_PER_MINUTE } from "./channels-api";
import { channelsViewSchema, testOutcomeSchema } from "./notification-schemas";

/**
 * The notifications page's API against a real local webhook receiver (an HTTP server)
 * and a real SMTP server (the smtp-server package, with sign-in): what arrived, and what
 * a failed test answers.
 */

interface Hook {
  headers: http.IncomingHttpHeaders;
  body: string;
}
interface Mail {
  from: string;
  to: string[];
  user: string | undefined;
  raw: string;
}

const hooks: Hook[] = [];
let hookStatus = 200;
let receiver: http.Server;
let hookUrl = "";
const mails: Mail[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
let cleanup: () => Promise<void>;
const admins: Record<string, Record<string, string>> = {};
let operator: Record<string, string>;

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  for (const name of ["hook", "mail", "limit"]) {
    admins[name] = await browserHeaders(await createUser({ email: `${name}@example.com`, name, password: `${name} password long`, role: "admin" }, { actor: { type: "system" } }));
  }
  operator = await browserHeaders(await createUser({ email: "op@example.com", name: "op", password: "operator password long", role: "operator" }, { actor: { type: "system" } }));

  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      hooks.push({ headers: req.headers, body });
      res.writeHead(hookStatus, { "content-type": "text/plain" }).end(hookStatus === 200 ? "ok" : "receiver says no");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  smtp = new SMTPServer({
    logger: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    onAuth(auth, _session, done) {
      if (auth.username === "shop" && auth.password === "mail-secret") done(null, { user: auth.username });
      else done(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === "string" ? session.user : undefined,
          raw,
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await cleanup();
});

const routing = { enabled: true, types: ["overheat", "print_failed"], severities: ["critical", "warning"], holdNonUrgent: true };
const webhookBody = (change: Record<string, unknown> = {}) => ({ channel: "webhook", ...routing, url: hookUrl, headerName: "X-Printernizer-Secret", headerValue: "s3cret", ...change });
const emailBody = (change: Record<string, unknown> = {}) => ({
  channel: "email",
  ...routing,
  host: "127.0.0.1",
  port: smtpPort,
  tls: "none",
  user: "shop",
  password: "mail-secret",
  from: "Druckerei Müller <alarme@example.com>",
  to: ["werkstatt@example.com", "chefin@example.com"],
  ...change,
});

async function sendTest(headers: Record<string, string>, body: unknown) {
  const response = await call(testRoute.POST, testRequest("POST", "/api/alerts/channels/test", { headers, body }));
  return { status: response.status, json: (await response.json()) as unknown };
}

describe("test send", () => {
  it("posts to the webhook with the secret header, and says what a refusing receiver answered", async () => {
    const ok = await sendTest(admins.hook, webhookBody());
    expect(ok.status).toBe(200);
    expect(testOutcomeSchema.parse(ok.json)).toMatchObject({ delivered: true, httpStatus: 200 });
    expect(hooks).toHaveLength(1);
    expect(hooks[0].headers["x-printernizer-secret"]).toBe("s3cret");
    expect(hooks[0].headers["content-type"]).toBe("application/json");
    const payload = JSON.parse(hooks[0].body) as { event: string; alert: { subject: string; message: string; type: string } };
    // PRINTERNIZER_ALERT_LOCALE defaults to German, like the alerts themselves.
    expect(payload).toMatchObject({ event: "alert.test", alert: { type: "test", subject: "Printernizer: Testbenachrichtigung" } });

    hookStatus = 500;
    try {
      const refused = testOutcomeSchema.parse((await sendTest(admins.hook, webhookBody())).json);
      expect(refused).toMatchObject({ delivered: false, stage: "rejected", httpStatus: 500, response: "receiver says no" });
    } finally {
      hookStatus = 200;
    }
    const audits = await db.auditLog.findMany({ where: { action: "alerts.channel_tested" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => JSON.parse(a.details ?? "{}") as unknown)).toEqual([
      { channel: "webhook", delivered: true, httpStatus: 200, smtpCode: null },
      { channel: "webhook", delivered: false, httpStatus: 500, smtpCode: null },
    ]);
    expect(audits.some((a) => (a.details ?? "").includes("s3cret"))).toBe(false);
  });

  it("sends the e-mail through the SMTP server, signed in, to every recipient", async () => {
    const sent = testOutcomeSchema.parse((await sendTest(admins.mail, emailBody())).json);
    expect(sent).toMatchObject({ delivered: true, smtpCode: 250 });
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail).toMatchObject({ from: "alarme@example.com", to: ["werkstatt@example.com", "chefin@example.com"], user: "shop" });
    expect(mail.raw).toMatch(/^From: =\?UTF-8\?Q\?Druckerei_M=C3=BCller\?= <alarme@example\.com>$/m);
    expect(mail.raw).toMatch(/^To: werkstatt@example\.com, chefin@example\.com$/m);
    expect(mail.raw).toMatch(/^Subject: Printernizer: Testbenachrichtigung$/m);
    expect(mail.raw).toContain("Dies ist ein Test");
  });

  it("answers the SMTP server's refusal of a wrong password with its code and text", async () => {
    const refused = testOutcomeSchema.parse((await sendTest(admins.mail, emailBody({ password: "wrong" }))).json);
    expect(refused).toMatchObject({ delivered: false, stage: "auth", smtpCode: 535 });
    expect(refused.response).toContain("Invalid username or password");
    expect(mails).toHaveLength(1);
  });

  it("refuses STARTTLS required by a server that offers none, before any mail is sent", async () => {
    const refused = testOutcomeSchema.parse((await sendTest(admins.mail, emailBody({ tls: "starttls" }))).json);
    expect(refused.delivered).toBe(false);
    expect(mails).toHaveLength(1);
  });

  it("uses the stored password while the server is the same, and never sends it to another one", async () => {
    const saved = await call(channelsRoute.PUT, testRequest("PUT", "/api/alerts/channels", { headers: admins.mail, body: emailBody() }));
    expect(saved.status).toBe(200);
    const withoutPassword = { ...emailBody(), password: undefined };
    expect(testOutcomeSchema.parse((await sendTest(admins.mail, withoutPassword)).json)).toMatchObject({ delivered: true });
    expect(mails).toHaveLength(2);
    const moved = await sendTest(admins.mail, { ...withoutPassword, host: "localhost" });
    expect(moved.status).toBe(422);
    expect(moved.json).toMatchObject({ error: { details: { issues: [{ path: "password", code: "secret_required" }] } } });
    await db.notificationChannel.deleteMany();
  });

  it(`allows ${TEST_SENDS_PER_MINUTE} tests per admin and minute, then 429`, async () => {
    const statuses: number[] = [];
    // Twice the budget and one: whichever minute the calls fall in, one minute holds more than the budget.
    for (let i = 0; i < TEST_SENDS_PER_MINUTE * 2 + 1 && !statuses.includes(429); i++) statuses.push((await sendTest(admins.limit, webhookBody())).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(TEST_SENDS_PER_MINUTE);
  });

  it("is for admins only", async () => {
    expect((await sendTest(operator, webhookBody())).status).toBe(403);
    expect((await call(channelsRoute.GET, testRequest("GET", "/api/alerts/channels", { headers: operator }))).status).toBe(403);
  });
});

describe("saving a channel", () => {
  it("shows the environment's channel until one is saved, never a secret, and goes back to it on reset", async () => {
    process.env.PRINTERNIZER_ALERT_WEBHOOK_URL = "https://env.example.com/hook?token=env-token";
    try {
      const get = async () => {
        const response = await call(channelsRoute.GET, testRequest("GET", "/api/alerts/channels", { headers: admins.hook }));
        const text = await response.text();
        expect(text).not.toContain("env-token");
        expect(text).not.toContain("s3cret");
        return channelsViewSchema.parse(JSON.parse(text));
      };
      const before = await get();
      expect(before.channels.map((c) => [c.channel, c.source])).toEqual([
        ["webhook", "environment"],
        ["email", "none"],
        ["ntfy", "none"],
      ]);
      expect(before.channels[0].webhook?.urlOrigin).toBe("https://env.example.com");
      expect(before.catalogue.map((c) => c.type)).toContain("low_stock");
      expect(before.catalogue.find((c) => c.type === "low_stock")).toEqual({ type: "low_stock", severity: "info", nonUrgent: true });

      const put = await call(channelsRoute.PUT, testRequest("PUT", "/api/alerts/channels", { headers: admins.hook, body: webhookBody() }));
      expect(put.status).toBe(200);
      const after = await get();
      expect(after.channels[0]).toMatchObject({ source: "database", routing, webhook: { headerName: "X-Printernizer-Secret", headerValueStored: true } });
      expect(await db.auditLog.count({ where: { action: "alerts.channel_updated", details: { contains: `"channel":"webhook"` } } })).toBe(1);

      const reset = await call(resetRoute.DELETE, testRequest("DELETE", "/api/alerts/channels/webhook", { headers: admins.hook }), { channel: "webhook" });
      expect(reset.status).toBe(200);
      expect((await get()).channels[0].source).toBe("environment");
    } finally {
      delete process.env.PRINTERNIZER_ALERT_WEBHOOK_URL;
    }
  });

  it("marks the field of a value the server refuses", async () => {
    const bad = await call(channelsRoute.PUT, testRequest("PUT", "/api/alerts/channels", { headers: admins.hook, body: emailBody({ host: "192.168.1.300" }) }));
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { details: { issues: [expect.objectContaining({ path: "host" })] } } });
  });
});
