import { copyFile, readdir } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { z } from "zod";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { fixtureDir } from "@/test/fixtures";
import { login } from "./support/auth";
import { expectAccessible } from "./support/axe";
import { addBambuPrinter, apiPost } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * The print queue against a real product (web + worker) and a simulated A1 mini: in
 * German at 1280 × 800 a fixture file is queued for the printer, the dashboard asks to
 * clear the bed, "Druckbett ist frei" lets the worker start it and the job appears
 * linked to the item; in English on a 390 × 844 phone the print is started again from
 * the job page, the bed is confirmed on the printer page, and a file on the printer is
 * deleted. Every page is axe-checked and the console stays free of errors.
 */

test.describe.configure({ mode: "serial" });

let product: Product;
let sim: BambuSimulator;
let printerId: string;
let jobId: string;

const admin = { name: "Quentin Queue", email: "quentin@druckerei.example", password: "sicheres-Passwort-9" };
const PRINTER = "A1 mini Tresen";
const FILE = "bambu.gcode.3mf";
const SPARE = "bambu-2-plates.gcode.3mf";
const LIVE = { timeout: 90_000 };

const queueSchema = z.object({ items: z.array(z.object({ id: z.string(), status: z.string(), jobId: z.string().nullable(), customer: z.string().nullable() })) });
const jobSchema = z.object({ id: z.string(), queueItemId: z.string().nullable(), customer: z.string().nullable() });

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
  return errors;
}

async function queue(page: Page) {
  return queueSchema.parse(await (await page.request.get(`${product.baseURL}/api/queue`)).json()).items;
}

async function syncPrinter(page: Page) {
  await expect(async () => {
    const sync = await apiPost(page.request, product.baseURL, `/api/printers/${printerId}/files/sync?wait=1`, {});
    expect(sync.body).toMatchObject({ status: "succeeded" });
  }).toPass(LIVE);
}

/** The AMS table, when the printer has trays: the suggestion is taken and confirmed. */
async function confirmMappingIfAsked(dialog: ReturnType<Page["getByTestId"]>, submit: ReturnType<Page["getByTestId"]>) {
  const mapping = dialog.getByTestId("queue-mapping");
  await expect(mapping.or(submit.and(dialog.locator("button:enabled")))).toBeVisible();
  if (await mapping.isVisible()) await mapping.getByTestId("queue-mapping-confirm").check();
}

test.beforeAll(async ({ request }) => {
  product = await startProduct();
  sim = await startBambuSimulator({
    serial: "0300AA000000915",
    accessCode: "40219150",
    model: "A1 mini",
    host: "127.0.0.1",
    mqttPort: 0,
    ftpPort: 0,
    cameraPort: 0,
    printSeconds: 3_600,
    prepareSeconds: 1,
    reportIntervalMs: 500,
  });
  await copyFile(path.join(fixtureDir("files"), FILE), path.join(sim.storageDir, "cache", FILE));
  const setup = await apiPost(request, product.baseURL, "/api/setup", admin);
  expect(setup.status).toBe(201);
});

test.afterAll(async () => {
  await sim?.close();
  await product?.stop();
});

test("German, desktop: queue a file, clear the bed on the dashboard, the printer starts it and the job is linked", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const errors = collectErrors(page);
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password, "de");
  printerId = await addBambuPrinter(page.request, baseURL, sim, PRINTER);
  await syncPrinter(page);

  await page.goto(`${baseURL}/de/queue`);
  await expect(page.getByRole("heading", { name: "Warteschlange", level: 1 })).toBeVisible();
  await expect(page.getByTestId("queue-empty")).toBeVisible();
  await expectAccessible(page, "empty queue (de)");
  await page.getByRole("button", { name: "Zur Warteschlange hinzufügen" }).click();
  const dialog = page.getByTestId("queue-dialog");
  await expect(dialog.getByRole("heading", { name: "Zur Warteschlange hinzufügen" })).toBeVisible();
  const fileSelect = dialog.getByLabel("Datei", { exact: true });
  await expect(fileSelect.locator("option", { hasText: `${FILE} (${PRINTER})` })).toHaveCount(1);
  await fileSelect.selectOption({ label: `${FILE} (${PRINTER})` });
  await dialog.getByLabel("Drucker", { exact: true }).selectOption(printerId);
  await dialog.getByLabel("Kunde").fill("Müller GmbH");
  await dialog.getByLabel("Auftragsnummer").fill("A-2026-0915");
  const submit = dialog.getByTestId("queue-submit");
  await confirmMappingIfAsked(dialog, submit);
  await expectAccessible(page, "queue dialog (de)");
  await submit.click();
  await expect(dialog.getByTestId("queue-outcome")).toContainText(`${FILE} ist in der Warteschlange.`);
  await dialog.getByRole("button", { name: "Schließen" }).click();

  const item = page.getByTestId("queue-item").filter({ hasText: FILE });
  await expect(item.getByTestId("queue-status")).toHaveText("Wartet auf Druckbett", LIVE);
  await expect(item.getByTestId("queue-target")).toHaveText(PRINTER);
  await expect(item.getByTestId("queue-customer")).toHaveText("Kunde: Müller GmbH");
  await saveScreenshot(page, "queue-de-desktop");
  await expectAccessible(page, "queue (de)");

  await page.goto(`${baseURL}/de`);
  const card = page.getByTestId("printer-card").filter({ has: page.getByRole("link", { name: PRINTER }) });
  await expect(card.getByTestId("bed-callout")).toContainText("Druckbett abräumen", LIVE);
  await expect(card.getByTestId("printer-next")).toContainText(FILE);
  await saveScreenshot(page, "dashboard-bed-de-desktop");
  await expectAccessible(page, "dashboard with bed call to action (de)");
  await card.getByRole("button", { name: "Druckbett ist frei" }).click();
  await expect(card.getByTestId("bed-callout")).toHaveCount(0, LIVE);

  await expect.poll(() => sim.state().gcodeState, LIVE).toBe("RUNNING");
  await expect.poll(async () => (await queue(page)).find((i) => i.jobId !== null)?.status, LIVE).toBe("printing");
  const [started] = (await queue(page)).filter((i) => i.jobId !== null);
  jobId = started.jobId ?? "";
  const job = jobSchema.parse(await (await page.request.get(`${baseURL}/api/jobs/${jobId}`)).json());
  expect(job.queueItemId).toBe(started.id);
  expect(job.customer).toBe("Müller GmbH");

  await page.goto(`${baseURL}/de/queue`);
  await expect(item.getByTestId("queue-status")).toHaveText("Druckt", LIVE);
  await item.getByRole("link", { name: "Druckauftrag" }).click();
  await expect(page).toHaveURL(new RegExp(`/de/jobs/${jobId}$`));
  expect(errors).toEqual([]);
});

test("English, phone: print again from the job page, confirm the bed on the printer page, delete a file on the printer", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const errors = collectErrors(page);
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password, "en");
  sim.stop();
  await expect.poll(async () => jobSchema.parse(await (await page.request.get(`${baseURL}/api/jobs/${jobId}`)).json()).id, LIVE).toBe(jobId);

  await page.goto(`${baseURL}/en/jobs/${jobId}`);
  await page.getByRole("button", { name: `Print ${FILE} again` }).click(LIVE);
  const dialog = page.getByTestId("reprint-dialog");
  await expect(dialog.getByRole("heading", { name: "Print again" })).toBeVisible();
  await expect(dialog.getByTestId("queue-dialog-file")).toContainText(FILE);
  await expect(dialog.getByLabel("Printer", { exact: true })).toHaveValue(printerId);
  const submit = dialog.getByTestId("queue-submit");
  await confirmMappingIfAsked(dialog, submit);
  await expectAccessible(page, "print again (en, phone)");
  await submit.click();
  await expect(dialog.getByTestId("queue-outcome")).toContainText(`${FILE} is in the queue.`);
  await dialog.getByRole("button", { name: "Close" }).click();

  await page.getByTestId("menu-button").click();
  await page.getByTestId("mobile-menu").getByRole("link", { name: "Queue" }).click();
  await expect(page.getByRole("heading", { name: "Queue", level: 1 })).toBeVisible();
  const waiting = page.getByTestId("queue-list").getByTestId("queue-item").filter({ hasText: FILE });
  await expect(waiting.getByTestId("queue-status")).toHaveText("Waiting for bed", LIVE);
  await saveScreenshot(page, "queue-en-phone");
  await expectAccessible(page, "queue (en, phone)");

  await page.goto(`${baseURL}/en`);
  const card = page.getByTestId("printer-card").filter({ has: page.getByRole("link", { name: PRINTER }) });
  await expect(card.getByTestId("bed-callout")).toContainText("Clear the bed", LIVE);
  await saveScreenshot(page, "dashboard-bed-en-phone");
  await expectAccessible(page, "dashboard with bed call to action (en, phone)");

  await copyFile(path.join(fixtureDir("files"), SPARE), path.join(sim.storageDir, "cache", SPARE));
  await syncPrinter(page);
  await page.goto(`${baseURL}/en/printers/${printerId}`);
  const callout = page.getByTestId("bed-callout");
  await expect(callout).toContainText("Clear the bed", LIVE);
  await expectAccessible(page, "printer page with bed call to action (en, phone)");
  await callout.getByRole("button", { name: "Bed is clear" }).click();
  await expect(callout).toHaveCount(0, LIVE);
  await expect.poll(() => sim.state().gcodeState, LIVE).toBe("RUNNING");

  const files = page.getByTestId("printer-files");
  const spare = files.getByTestId("printer-file").filter({ hasText: SPARE });
  await expect(files.getByTestId("printer-file").filter({ hasText: FILE }).getByTestId("printer-file-in-use")).toHaveText("being printed", LIVE);
  await expect(files.getByRole("button", { name: `Delete ${FILE} on the printer` })).toHaveCount(0);
  await spare.getByRole("button", { name: `Delete ${SPARE} on the printer` }).click();
  const confirm = page.getByTestId("printer-file-confirm");
  await expect(confirm.getByRole("heading", { name: "Delete the file on the printer?" })).toBeVisible();
  await expectAccessible(page, "delete confirmation (en, phone)");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(files.getByTestId("printer-file").filter({ hasText: SPARE })).toHaveCount(0, LIVE);
  expect(await readdir(path.join(sim.storageDir, "cache"))).not.toContain(SPARE);
  expect(errors).toEqual([]);
});
