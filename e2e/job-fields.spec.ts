import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { login } from "./support/auth";
import { apiPost } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * Customer and order on the job page, in German and English: entered there, shown in the
 * job list beside the gross cost, and the list filtered by customer. A job whose filament
 * is not known says so instead of showing 0 g.
 */

test.describe.configure({ mode: "serial" });

let product: Product;
let jobs: Record<string, string>;

const recordFinishedPrints = `
import { db, closeDb } from "@/lib/db";
import { onJobFinished } from "@/lib/business/on-job-finished";
const printer = await db.printer.create({ data: { name: "P1S Werkstatt", kind: "bambu", host: "127.0.0.1", model: "P1S", serial: "01P00A000000779", credentials: "{}", enabled: false } });
const material = await db.material.create({ data: { type: "PLA", brand: "Bambu", color: "Grün", diameterMm: "1.75", pricePerKgCents: 2499 } });
await db.spool.create({ data: { materialId: material.id, initialGrams: 1000, remainingGrams: 1000, printerId: printer.id, slot: "ams0-tray0" } });
const made = {};
for (const [key, name, grams, hour] of [["a", "Halterung", 40, 8], ["b", "Deckel", 12.5, 11], ["c", "Unbekannt", null, 14]]) {
  const job = await db.job.create({
    data: {
      printerId: printer.id, printerJobId: "e2e-" + key, name, status: "finished", progress: 100,
      startedAt: new Date(Date.UTC(2026, 2, 4, hour)), endedAt: new Date(Date.UTC(2026, 2, 4, hour + 1)), durationSeconds: 3600, filamentGrams: grams,
    },
  });
  await onJobFinished(job.id);
  made[key] = job.id;
}
console.log("jobs=" + JSON.stringify(made));
await closeDb();
`;
const admin = { name: "Anna Admin", email: "anna@druckerei.example", password: "sicheres-Passwort-1" };

test.beforeAll(async ({ request }) => {
  product = await startProduct();
  const setup = await apiPost(request, product.baseURL, "/api/setup", admin);
  expect(setup.status).toBe(201);
  const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", recordFinishedPrints], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: product.env,
    encoding: "utf8",
  });
  jobs = JSON.parse((output.trim().split("\n").at(-1) ?? "").replace("jobs=", "")) as Record<string, string>;
});

test.afterAll(async () => {
  await product?.stop();
});

test("German: customer and order entered on the job page, shown in the list with the gross cost, filtered by customer", async ({ page }) => {
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password);
  await page.goto(`${baseURL}/de/jobs/${jobs.a}`);
  const form = page.getByTestId("job-fields-form");
  await form.getByLabel("Kunde").fill("Muster GmbH");
  await form.getByLabel("Auftragsnummer").fill("A-2026-017");
  await form.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByTestId("job-fields-message")).toContainText("Gespeichert.");
  await saveScreenshot(page, "job-fields-de");

  await page.goto(`${baseURL}/de/jobs`);
  const row = page.getByTestId("job-row").filter({ hasText: "Halterung" });
  await expect(page.getByTestId("jobs-table").getByRole("columnheader", { name: "Brutto" })).toBeVisible();
  await expect(row.getByTestId("job-customer")).toHaveText("Muster GmbH · A-2026-017");
  await expect(row.getByTestId("job-gross")).toContainText(/\d,\d\d\s€/);
  await expect(page.getByTestId("job-row").filter({ hasText: "Unbekannt" }).getByTestId("job-filament-unknown")).toHaveText("unbekannt");

  await page.getByTestId("jobs-filter-customer").fill("Muster");
  await page.getByTestId("jobs-filters").getByRole("button").click();
  await expect(page).toHaveURL(/customer=Muster/);
  await expect(page.getByTestId("job-row")).toHaveCount(1);
  await expect(page.getByTestId("job-row")).toContainText("Halterung");
  await saveScreenshot(page, "job-list-customer-de");
});

test("English: the same on the English pages", async ({ page }) => {
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password);
  await page.goto(`${baseURL}/en/jobs/${jobs.b}`);
  const form = page.getByTestId("job-fields-form");
  await form.getByLabel("Customer").fill("Example Ltd");
  await form.getByLabel("Order reference").fill("PO-88");
  await form.getByLabel("Use").selectOption("private");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("job-fields-message")).toContainText("Saved.");
  await page.reload();
  await expect(page.getByTestId("job-fields-form").getByLabel("Customer")).toHaveValue("Example Ltd");

  await page.goto(`${baseURL}/en/jobs?customer=Example`);
  const row = page.getByTestId("job-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("job-customer")).toHaveText("Example Ltd · PO-88");
  await expect(page.getByTestId("jobs-table").getByRole("columnheader", { name: "Gross" })).toBeVisible();
  await expect(row.getByTestId("job-gross")).toContainText(/€\d+\.\d\d/);
  await saveScreenshot(page, "job-list-customer-en");
});
