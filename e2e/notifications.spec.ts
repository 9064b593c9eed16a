import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { SMTPServer } from "smtp-server";
import { login } from "./support/auth";
import { expectAccessible } from "./support/axe";
import { apiPost } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * The notifications page (issue 17) in German and English, on a desktop and a phone:
 * a webhook with a secret header and e-mail through a real SMTP server are set up,
 * "Send test" reaches both (checked at the receivers) and a refused password shows the
 * server's answer; accessible and without console errors. SQLite only.
 */

test.describe.configure({ mode: "serial" });

let product: Product;
const admins = {
  de: { name: "Anna Admin", email: "anna@druckerei.example", password: "sicheres-Passwort-1", role: "admin" },
  en: { name: "Eve Admin", email: "eve@druckerei.example", password: "secure-password-2", role: "admin" },
} as const;

const words = {
  de: { delivered: "Zugestellt", notDelivered: "Nicht zugestellt", saved: "Gespeichert.", database: "Auf dieser Seite eingestellt", signIn: "Anmeldung", heading: "Benachrichtigungen" },
  en: { delivered: "Delivered", notDelivered: "Not delivered", saved: "Saved.", database: "Set on this page", signIn: "sign-in", heading: "Notifications" },
} as const;

const viewports = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

const hooks: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let receiver: http.Server;
let hookUrl = "";
const mails: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let smtpPort = 0;

function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  const record = (text: string) => {
    if (new URL(page.url()).pathname.includes("/settings")) errors.push(`${page.url()}: ${text}`);
  };
  page.on("console", (message) => {
    if (message.type() === "error") record(message.text());
  });
  page.on("pageerror", (error) => record(error.message));
  return errors;
}

test.beforeAll(async ({ browser }) => {
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      hooks.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/printernizer`;
  smtp = new SMTPServer({
    logger: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    onAuth(auth, _session, done) {
      if (auth.username === "werkstatt" && auth.password === "mail-passwort") done(null, { user: auth.username });
      else done(Object.assign(new Error("Authentication credentials invalid"), { responseCode: 535 }));
    },
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  product = await startProduct();
  const page = await browser.newPage();
  expect((await apiPost(page.request, product.baseURL, "/api/setup", admins.de)).status).toBe(201);
  await login(page, product.baseURL, admins.de.email, admins.de.password);
  // One admin per language: test sends are limited per admin and minute.
  expect((await apiPost(page.request, product.baseURL, "/api/users", admins.en)).status).toBe(201);
  await page.close();
});

test.afterAll(async () => {
  await product?.stop();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

for (const locale of ["de", "en"] as const) {
  for (const viewport of viewports) {
    test(`notifications in ${locale} on ${viewport.name}`, async ({ page }) => {
      test.setTimeout(120_000);
      const w = words[locale];
      const admin = admins[locale];
      const errors = watchConsole(page);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await login(page, product.baseURL, admin.email, admin.password, locale);

      await page.goto(`${product.baseURL}/${locale}/settings`);
      await page.getByTestId("settings-notifications").click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/settings/notifications$`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.heading);

      // Webhook with a secret header: the test arrives with it, then it is saved.
      const webhook = page.getByTestId("notify-webhook");
      const hooksBefore = hooks.length;
      await webhook.getByTestId("notify-field-url").fill(hookUrl);
      await webhook.getByTestId("notify-field-headerName").fill("X-Printernizer-Secret");
      await webhook.getByTestId("notify-field-headerValue").fill(`geheim-${locale}`);
      await webhook.getByTestId("notify-webhook-enabled").check();
      await webhook.getByRole("checkbox", { name: locale === "de" ? /^Überhitzung/ : /^Overheating/ }).check();
      await webhook.getByTestId("notify-webhook-test").click();
      await expect(webhook.getByTestId("notify-webhook-result")).toContainText(w.delivered, { timeout: 30_000 });
      await expect(webhook.getByTestId("notify-webhook-result")).toContainText("204");
      expect(hooks.length).toBe(hooksBefore + 1);
      expect(hooks.at(-1)?.headers["x-printernizer-secret"]).toBe(`geheim-${locale}`);
      expect(JSON.parse(hooks.at(-1)?.body ?? "{}")).toMatchObject({ event: "alert.test" });
      await webhook.getByTestId("notify-webhook-save").click();
      await expect(webhook.getByTestId("notify-webhook-source")).toContainText(w.database);

      if (viewport.name === "desktop") {
        // E-mail through the SMTP server, signed in: the test mail reaches both recipients.
        const email = page.getByTestId("notify-email");
        await email.getByTestId("notify-field-host").fill("127.0.0.1");
        await email.getByTestId("notify-field-port").fill(String(smtpPort));
        await email.getByTestId("notify-field-tls").selectOption("none");
        await email.getByTestId("notify-field-user").fill("werkstatt");
        await email.getByTestId("notify-field-password").fill("mail-passwort");
        await email.getByTestId("notify-field-from").fill("Druckerei <alarme@druckerei.example>");
        await email.getByTestId("notify-field-to").fill(`chef-${locale}@druckerei.example, lager@druckerei.example`);
        await email.getByTestId("notify-email-enabled").check();
        const mailsBefore = mails.length;
        await email.getByTestId("notify-email-test").click();
        await expect(email.getByTestId("notify-email-result")).toContainText(w.delivered, { timeout: 30_000 });
        expect(mails.length).toBe(mailsBefore + 1);
        expect(mails.at(-1)?.to).toEqual([`chef-${locale}@druckerei.example`, "lager@druckerei.example"]);
        // Notices are written in PRINTERNIZER_ALERT_LOCALE (German unless set), whatever the admin's language.
        expect(mails.at(-1)?.raw).toMatch(/^Subject: Printernizer: Testbenachrichtigung$/m);

        // A wrong password: the server's refusal with its reply code.
        await email.getByTestId("notify-field-password").fill("falsch");
        await email.getByTestId("notify-email-test").click();
        const refused = email.getByTestId("notify-email-result");
        await expect(refused).toContainText(w.notDelivered, { timeout: 30_000 });
        await expect(refused).toContainText("535");
        await expect(refused).toContainText("Authentication credentials invalid");
        expect(mails.length).toBe(mailsBefore + 1);
        await saveScreenshot(page, `notifications-refused-${locale}-${viewport.name}`);

        // Limits: a general value typed the locale's way, and one of its own for Bambu printers.
        const limits = page.getByTestId("notify-limits");
        await limits.locator('input[name="heatingToleranceC"]').fill(locale === "de" ? "7,5" : "7.5");
        await limits.locator('input[name="bambu.nozzleMaxC"]').fill("280");
        await limits.getByTestId("notify-limits-save").click();
        await expect(limits.getByTestId("notify-limits-result")).toHaveText(locale === "de" ? "Grenzwerte gespeichert." : "Limits saved.");
        const stored = (await (await page.request.get(`${product.baseURL}/api/alerts/settings`)).json()) as Record<string, unknown>;
        expect(stored).toMatchObject({ heatingToleranceC: 7.5, kinds: { bambu: { nozzleMaxC: 280 }, prusalink: {} } });
      }

      await expectAccessible(page, `notifications ${locale} ${viewport.name}`);
      await saveScreenshot(page, `notifications-${locale}-${viewport.name}`);
      expect(errors).toEqual([]);

      // The first-steps item leads here and is done now that a channel carries an alert type.
      await page.goto(`${product.baseURL}/${locale}`);
      const step = page.getByTestId("first-step-notifications");
      await expect(step).toHaveAttribute("data-done", "true");
      await expect(step.getByRole("link")).toHaveAttribute("href", `/${locale}/settings/notifications`);
    });
  }
}
