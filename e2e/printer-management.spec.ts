// e2e: also on PostgreSQL
import { expect, test, type Page } from "@playwright/test";
import { startPrusaLinkSimulator, type PrusaLinkSimulator } from "@/sim/prusalink";
import { login, logout } from "./support/auth";
import { expectAccessible } from "./support/axe";
import { apiPost } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * Printer management as an admin, against a real product and a simulated Prusa Core One
 * (PrusaLink over HTTP Digest on a real socket): the guided form per kind, inline
 * localized validation, a connection test before saving, then edit, disable and delete.
 * In German, then in English.
 */

test.describe.configure({ mode: "serial" });

let product: Product;
let sim: PrusaLinkSimulator;

const admin = { name: "Anna Admin", email: "anna@druckerei.example", password: "sicheres-Passwort-1" };
const LIVE = { timeout: 60_000 };
const TEST = { timeout: 45_000 };

/** What each language says where the test looks; every other string comes from the same message files. */
const texts = {
  de: {
    name: "Core One Halle 2",
    renamed: "Core One Halle 3",
    location: "Halle 3",
    nameError: "Bitte einen Namen angeben",
    hostError: "gültige IP-Adresse oder einen Hostnamen",
    portError: "zwischen 1 und 65535",
    passwordError: "PrusaLink-Passwort oder einen API-Schlüssel",
    fixFields: "Bitte die markierten Felder prüfen.",
    authFailed: "Fehlgeschlagen bei: Anmeldung",
    ok: "Verbindung erfolgreich.",
    edit: "Bearbeiten",
    editTitle: (name: string) => `${name} bearbeiten`,
    idle: "Bereit",
    synced: (name: string) => new RegExp(`^${name}: (.*neue Datei(en)?|.*geänderte Datei(en)?|keine Änderungen)\\.$`),
    disabled: "Deaktiviert",
    disabledNotice: "Dieser Drucker ist deaktiviert",
    controlsOff: "Nicht verfügbar, solange der Drucker deaktiviert ist.",
    filesOff: "Drucker ist deaktiviert",
    enable: "Aktivieren",
    disable: "Deaktivieren",
    no: "Nein",
    deleteTitle: "Drucker löschen?",
    list: "Drucker",
  },
  en: {
    name: "Core One Hall 2",
    renamed: "Core One Hall 3",
    location: "Hall 3",
    nameError: "Please enter a name",
    hostError: "valid IP address or host name",
    portError: "between 1 and 65535",
    passwordError: "PrusaLink password or an API key",
    fixFields: "Please check the marked fields.",
    authFailed: "Failed at: sign-in",
    ok: "Connection successful.",
    edit: "Edit",
    editTitle: (name: string) => `Edit ${name}`,
    idle: "Ready",
    synced: (name: string) => new RegExp(`^${name}: (.*new files?|.*changed files?|no changes)\\.$`),
    disabled: "Disabled",
    disabledNotice: "This printer is disabled",
    controlsOff: "Not available while the printer is disabled.",
    filesOff: "Printer is disabled",
    enable: "Enable",
    disable: "Disable",
    no: "No",
    deleteTitle: "Delete printer?",
    list: "Printers",
  },
} as const;

test.beforeAll(async ({ request }) => {
  product = await startProduct();
  sim = await startPrusaLinkSimulator({ model: "Core One", password: "Druck3rPass", printSeconds: 60 });
  const setup = await apiPost(request, product.baseURL, "/api/setup", { name: admin.name, email: admin.email, password: admin.password });
  expect(setup.status).toBe(201);
});

test.afterAll(async () => {
  await sim?.close();
  await product?.stop();
});

async function expectFieldError(page: Page, field: string, text: string, input: string) {
  await expect(page.getByTestId(`field-error-${field}`)).toContainText(text);
  await expect(page.getByTestId(input)).toHaveAttribute("aria-invalid", "true");
}

async function managePrinters(page: Page, locale: "de" | "en") {
  const t = texts[locale];
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password, locale);

  // The guided form per kind, with where to find each value.
  await page.goto(`${baseURL}/${locale}/printers/new`);
  await expect(page.getByTestId("kind-bambu")).toBeChecked();
  await expect(page.getByTestId("form-serial")).toBeVisible();
  await expectAccessible(page, `add Bambu printer (${locale})`);
  await saveScreenshot(page, `printer-add-bambu-${locale}`);
  await page.getByTestId("kind-prusalink").check();
  await expect(page.getByTestId("form-password")).toBeVisible();
  await expect(page.getByTestId("form-serial")).toHaveCount(0);
  await expectAccessible(page, `add PrusaLink printer (${locale})`);
  await saveScreenshot(page, `printer-add-prusalink-${locale}`);

  // Validation errors land beside their fields, in the page's language.
  await page.getByTestId("form-save").click();
  await expect(page.getByTestId("form-error")).toHaveText(t.fixFields);
  await expectFieldError(page, "name", t.nameError, "form-name");
  await expectFieldError(page, "host", t.hostError, "form-host");
  await page.getByTestId("form-name").fill(t.name);
  await page.getByTestId("form-model").selectOption("Core One");
  await page.getByTestId("form-host").fill(sim.host);
  await expect(page.getByTestId("field-error-name")).toHaveCount(0);
  await page.getByTestId("form-http-port").fill("70000");
  await page.getByTestId("form-save").click();
  await expectFieldError(page, "httpPort", t.portError, "form-http-port");
  await page.getByTestId("form-http-port").fill(String(sim.port));
  await page.getByTestId("form-save").click();
  await expectFieldError(page, "password", t.passwordError, "form-password");
  await expectAccessible(page, `printer form with errors (${locale})`);
  await saveScreenshot(page, `printer-add-errors-${locale}`);

  // Test before saving: a wrong password fails at sign-in, the right one succeeds.
  await page.getByTestId("form-password").fill("falsches-Passwort");
  await page.getByTestId("form-test").click();
  await expect(page.getByTestId("test-result")).toContainText(t.authFailed, TEST);
  await page.getByTestId("form-password").fill(sim.password);
  await page.getByTestId("form-test").click();
  await expect(page.getByTestId("test-result")).toContainText(t.ok, TEST);
  await saveScreenshot(page, `printer-add-tested-${locale}`);
  await page.getByTestId("form-save").click();

  // Saved: its page shows it live, idle (the form's own address, /printers/new, is not it).
  await expect(page).toHaveURL(new RegExp(`/${locale}/printers/(?!new$)[^/]+$`), LIVE);
  const printerId = page.url().split("/").pop() ?? "";
  await expect(page.getByRole("heading", { level: 1, name: t.name })).toBeVisible();
  await expect(page.getByTestId("printer-live").getByTestId("printer-state")).toHaveText(t.idle, LIVE);

  // Its files: the printer's storage is re-read from its own page and the newest files appear.
  const files = page.getByTestId("printer-files");
  await files.getByTestId("files-sync").click();
  await expect(files.getByTestId("files-sync-status")).toHaveText(t.synced(t.name), LIVE);
  await expect(files.getByTestId("printer-file").first()).toBeVisible(LIVE);
  await saveScreenshot(page, `printer-files-${locale}`);

  // Edit: new name and location; the stored password stays when its field is left empty.
  await page.getByTestId("admin-actions").getByRole("link", { name: t.edit }).click();
  await expect(page.getByRole("heading", { level: 1, name: t.editTitle(t.name) })).toBeVisible();
  await expect(page.getByTestId("form-name")).toHaveValue(t.name);
  await expectAccessible(page, `edit printer (${locale})`);
  await page.getByTestId("form-name").fill(t.renamed);
  await page.getByTestId("form-location").fill(t.location);
  await page.getByTestId("form-save").click();
  await expect(page.getByRole("heading", { level: 1, name: t.renamed })).toBeVisible(LIVE);
  await expect(page.getByTestId("printer-live").getByTestId("printer-state")).toHaveText(t.idle, LIVE);
  await page.getByTestId("admin-test").click();
  await expect(page.getByTestId("admin-actions").getByTestId("test-result")).toContainText(t.ok, TEST);

  // Disable: the worker lets go of it; the page, the list and the dashboard say so, with no last values shown as current.
  await expect(page.getByTestId("printer-nozzle")).not.toHaveText("–", LIVE);
  await page.getByTestId("admin-toggle").click();
  await expect(page.getByTestId("admin-toggle")).toHaveText(t.enable, LIVE);
  const live = page.getByTestId("printer-live");
  await expect(live.getByTestId("printer-state")).toHaveText(t.disabled, LIVE);
  await expect(live.getByTestId("printer-disabled-notice")).toContainText(t.disabledNotice);
  await expect(page.getByTestId("admin-actions").getByTestId("test-result")).toHaveCount(0);
  await expect(live.getByTestId("printer-nozzle")).toHaveText("–");
  for (const control of ["control-pause", "control-resume", "control-stop"]) {
    await expect(live.getByTestId(control)).toBeDisabled();
    await expect(live.getByTestId(control)).toHaveAttribute("title", t.controlsOff);
    await expect(live.getByTestId(control)).toHaveAccessibleDescription(t.controlsOff);
  }
  await expect(page.locator("#camera-heading")).toHaveCount(0);
  await expect(page.getByTestId("printer-files-disabled")).toBeVisible();
  await expect(page.getByTestId("files-sync")).toHaveCount(0);
  // Its files are still there, with their sizes: a Buddy folder listing has none, so the worker asked the printer's file details.
  const listedFiles = await page.request.get(`${baseURL}/api/files?printer=${printerId}`);
  const onPrinter = ((await listedFiles.json()) as { files: { id: string; name: string; size: number | null }[] }).files[0];
  if (!onPrinter) throw new Error("no file in the printer's listing");
  expect(onPrinter.size).toBeGreaterThan(0);
  await expect(page.getByTestId("printer-file").filter({ hasText: onPrinter.name }).getByTestId("printer-file-size")).toHaveText(/^\d[\d.,]* (B|KB|MB|GB)$/);
  await expectAccessible(page, `disabled printer (${locale})`);
  await saveScreenshot(page, `printer-disabled-${locale}`);
  await page.goto(`${baseURL}/${locale}`);
  const card = page.getByTestId("printer-card").filter({ hasText: t.renamed });
  await expect(card.getByTestId("printer-state")).toHaveText(t.disabled);
  await expect(card.getByTestId("printer-nozzle")).toHaveText("–");
  await expect(page.getByTestId("summary-disabled")).toContainText(t.disabled);
  await expect(page.getByTestId("summary-disabled-value")).toHaveText("1");
  await expect(page.getByTestId("summary-offline-value")).toHaveText("0");
  await saveScreenshot(page, `dashboard-disabled-${locale}`);

  // In the files list they stay available, but cannot be downloaded until the printer is enabled again.
  await page.goto(`${baseURL}/${locale}/files?printer=${printerId}`);
  const fileRow = page.getByTestId("file-row").filter({ has: page.getByRole("rowheader", { name: onPrinter.name, exact: true }) });
  await expect(fileRow.getByTestId("file-status")).toHaveAttribute("data-status", "available");
  await expect(fileRow.getByTestId("file-size")).toHaveText(/^\d[\d.,]* (B|KB|MB|GB)$/);
  await expect(fileRow.getByTestId("file-download")).toBeDisabled();
  await expect(fileRow.getByTestId("file-download")).toHaveAttribute("title", t.filesOff);
  await expect(fileRow.getByTestId("file-download")).toHaveAccessibleDescription(t.filesOff);
  await expect(fileRow.getByRole("checkbox")).toHaveCount(0);
  await expectAccessible(page, `files of a disabled printer (${locale})`);
  await saveScreenshot(page, `files-disabled-printer-${locale}`);
  const refused = await apiPost(page.request, baseURL, `/api/files/${onPrinter.id}/download`, {});
  expect(refused).toMatchObject({ status: 409, body: { error: { code: "printer_disabled" } } });
  await page.goto(`${baseURL}/${locale}/printers`);
  const row = page.getByTestId("printer-list-row").filter({ hasText: t.renamed });
  await expect(row).toContainText(t.location);
  await expect(row.getByTestId("printer-state")).toHaveText(t.disabled);
  await expect(row.locator("td").last()).toHaveText(t.no);
  await row.getByRole("link", { name: t.renamed }).click();
  await page.getByTestId("admin-toggle").click();
  await expect(page.getByTestId("admin-toggle")).toHaveText(t.disable, LIVE);
  await expect(page.getByTestId("printer-live").getByTestId("printer-state")).toHaveText(t.idle, LIVE);

  // Delete asks first; confirming removes it everywhere.
  await page.getByTestId("admin-delete").click();
  await expect(page.getByTestId("delete-dialog")).toContainText(t.deleteTitle);
  await expectAccessible(page, `delete printer dialog (${locale})`);
  await page.getByTestId("delete-dialog-confirm").click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/printers$`), LIVE);
  await expect(page.getByRole("heading", { level: 1, name: t.list })).toBeVisible();
  await expect(page.getByTestId("printer-list-row").filter({ hasText: t.renamed })).toHaveCount(0);
  expect((await page.request.get(`${baseURL}/api/printers/${printerId}`)).status()).toBe(404);
  await logout(page);
}

test("German: add a PrusaLink printer through the guided form, edit, disable and delete it", async ({ page }) => {
  test.setTimeout(240_000);
  await managePrinters(page, "de");
});

test("English: the same, in English", async ({ page }) => {
  test.setTimeout(240_000);
  await managePrinters(page, "en");
});
