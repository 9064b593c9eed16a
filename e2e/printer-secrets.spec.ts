import { expect, test, type Page } from "@playwright/test";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { login, logout } from "./support/auth";
import { addBambuPrinter, apiPost } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * A saved printer's secret stays with it (issue 18): editing a Bambu printer with its own
 * CA certificate, "Test connection" uses the stored code and certificate while nothing
 * that identifies the printer changed; a wrong code marks the code field; a new address
 * asks for the code again instead of sending the stored one there. German, then English.
 */

test.describe.configure({ mode: "serial" });

let product: Product;
let sim: BambuSimulator;

const admin = { name: "Anna Admin", email: "anna@druckerei.example", password: "sicheres-Passwort-1" };
const TEST = { timeout: 45_000 };

const texts = {
  de: {
    ok: "Verbindung erfolgreich.",
    authFailed: "Fehlgeschlagen bei: Anmeldung",
    codeRefused: "Der Drucker hat diesen Zugangscode abgelehnt.",
    retype: "Bitte den Zugangscode erneut eingeben",
    fixFields: "Bitte die markierten Felder prüfen.",
    tcpFailed: "Fehlgeschlagen bei: Netzwerkverbindung (TCP)",
    portRefused: "Auf diesem Port antwortet der Drucker nicht.",
  },
  en: {
    ok: "Connection successful.",
    authFailed: "Failed at: sign-in",
    codeRefused: "The printer refused this access code.",
    retype: "please enter the access code again",
    fixFields: "Please check the marked fields.",
    tcpFailed: "Failed at: network connection (TCP)",
    portRefused: "The printer does not answer on this port.",
  },
} as const;

test.beforeAll(async ({ request }) => {
  product = await startProduct();
  sim = await startBambuSimulator({
    serial: "03919A000000818",
    accessCode: "40218181",
    model: "A1",
    host: "127.0.0.1",
    mqttPort: 0,
    ftpPort: 0,
    cameraPort: 0,
    reportIntervalMs: 500,
  });
  const setup = await apiPost(request, product.baseURL, "/api/setup", { name: admin.name, email: admin.email, password: admin.password });
  expect(setup.status).toBe(201);
});

test.afterAll(async () => {
  await sim?.close();
  await product?.stop();
});

async function expectCodeMarked(page: Page, text: string) {
  await expect(page.getByTestId("field-error-accessCode")).toContainText(text);
  await expect(page.getByTestId("form-access-code")).toHaveAttribute("aria-invalid", "true");
}

async function editCustomCaPrinter(page: Page, locale: "de" | "en") {
  const t = texts[locale];
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password, locale);
  const id = await addBambuPrinter(page.request, baseURL, sim, `A1 eigene CA ${locale}`);
  await page.goto(`${baseURL}/${locale}/printers/${id}/edit`);
  await expect(page.getByTestId("form-tls")).toHaveValue("custom-ca");

  // Unchanged: the stored access code and certificate are used (the browser never had them).
  await page.getByTestId("form-test").click();
  await expect(page.getByTestId("test-result")).toContainText(t.ok, TEST);
  await expect(page.getByTestId("form-access-code")).not.toHaveAttribute("aria-invalid", "true");

  // A wrong code typed: the test fails at sign-in and the code field says so.
  await page.getByTestId("form-access-code").fill("00000000");
  await page.getByTestId("form-test").click();
  await expect(page.getByTestId("test-result")).toContainText(t.authFailed, TEST);
  await expectCodeMarked(page, t.codeRefused);
  await saveScreenshot(page, `printer-secrets-wrong-code-${locale}`);

  // Another address without the code: marked at once, and the server refuses the test and the save alike.
  await page.getByTestId("form-access-code").fill("");
  await page.getByTestId("form-host").fill("localhost");
  await expectCodeMarked(page, t.retype);
  await page.getByTestId("form-test").click();
  await expect(page.getByTestId("form-error")).toHaveText(t.fixFields);
  await expect(page.getByTestId("test-result")).toHaveCount(0);
  await expectCodeMarked(page, t.retype);
  await page.getByTestId("form-save").click();
  await expect(page.getByTestId("form-error")).toHaveText(t.fixFields);
  await expectCodeMarked(page, t.retype);
  await saveScreenshot(page, `printer-secrets-retype-${locale}`);
  const stored = await page.request.get(`${baseURL}/api/printers/${id}`);
  expect(((await stored.json()) as { host: string }).host).toBe(sim.host);

  // Back to the saved address: nothing to retype any more.
  await page.getByTestId("form-host").fill(sim.host);
  await expect(page.getByTestId("field-error-accessCode")).toHaveCount(0);

  // An address where nothing answers, code typed: the test fails at the connection and marks
  // the port it tried (a typed one, not the default), opening the ports section to show it.
  await page.getByTestId("form-host").fill("127.0.0.2");
  await page.getByTestId("form-access-code").fill("40218181");
  await page.getByTestId("form-test").click();
  await expect(page.getByTestId("test-result")).toContainText(t.tcpFailed, TEST);
  await expect(page.getByTestId("field-error-mqttPort")).toBeVisible();
  await expect(page.getByTestId("field-error-mqttPort")).toContainText(t.portRefused);
  await expect(page.getByTestId("form-mqttPort")).toHaveAttribute("aria-invalid", "true");
  await saveScreenshot(page, `printer-secrets-port-${locale}`);
  await logout(page);
}

test("German: a custom-CA Bambu printer is tested with its stored secrets, and a new address needs the code again", async ({ page }) => {
  test.setTimeout(240_000);
  await editCustomCaPrinter(page, "de");
});

test("English: the same, in English", async ({ page }) => {
  test.setTimeout(240_000);
  await editCustomCaPrinter(page, "en");
});
