import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { login, logout } from "./support/auth";
import { apiPost } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * The roles of ARCHITECTURE.md in the browser: an accountant sees reports, prices and
 * exports but no printer controls (German); a viewer sees printers and jobs but no money,
 * customer or exports, and the server refuses them too (English).
 */

test.describe.configure({ mode: "serial" });

let product: Product;
let jobId: string;
let printerId: string;

const recordBusinessPrint = `
import { db, closeDb } from "@/lib/db";
import { onJobFinished } from "@/lib/business/on-job-finished";
const printer = await db.printer.create({ data: { name: "X1 Halle", kind: "bambu", host: "127.0.0.1", model: "X1C", serial: "00M09A000000001", credentials: "{}", enabled: false } });
const material = await db.material.create({ data: { type: "PETG", brand: "Prusament", color: "Orange", diameterMm: "1.75", pricePerKgCents: 2999 } });
await db.spool.create({ data: { materialId: material.id, initialGrams: 1000, remainingGrams: 1000, printerId: printer.id, slot: "ams0-tray0" } });
const job = await db.job.create({
  data: {
    printerId: printer.id, printerJobId: "roles-1", name: "Gehäuse", status: "finished", progress: 100, customer: "Beispiel AG", orderReference: "B-42",
    startedAt: new Date("2026-03-03T08:00:00Z"), endedAt: new Date("2026-03-03T10:00:00Z"), durationSeconds: 7200, filamentGrams: 40,
  },
});
await onJobFinished(job.id);
console.log("printer=" + printer.id);
console.log("job=" + job.id);
await closeDb();
`;

const admin = { name: "Anna Admin", email: "anna@druckerei.example", password: "sicheres-Passwort-1" };
const accountant = { name: "Bea Buchhaltung", email: "bea@druckerei.example", password: "Buchhaltung-Passwort-3", role: "accountant" };
const viewer = { name: "Vera Viewer", email: "vera@druckerei.example", password: "anderes-Passwort-2", role: "viewer" };

test.beforeAll(async ({ browser }) => {
  product = await startProduct();
  const page = await browser.newPage();
  expect((await apiPost(page.request, product.baseURL, "/api/setup", admin)).status).toBe(201);
  const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", recordBusinessPrint], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: product.env,
    encoding: "utf8",
  });
  const lines = output.trim().split("\n");
  printerId = (lines.at(-2) ?? "").replace("printer=", "");
  jobId = (lines.at(-1) ?? "").replace("job=", "");
  await login(page, product.baseURL, admin.email, admin.password);
  for (const person of [accountant, viewer]) {
    expect((await apiPost(page.request, product.baseURL, "/api/users", person)).status).toBe(201);
  }
  await page.close();
});

test.afterAll(async () => {
  await product?.stop();
});

test("an accountant sees reports, prices and exports but no printer controls (de)", async ({ page }) => {
  const { baseURL } = product;
  await login(page, baseURL, accountant.email, accountant.password, "de");
  await expect(page.getByTestId("current-user")).toContainText("Buchhaltung");
  await expect(page.getByTestId("nav-reports")).toBeVisible();
  await expect(page.getByTestId("nav-materials")).toBeVisible();

  await page.goto(`${baseURL}/de/reports?period=month&year=2026&part=3`);
  await expect(page.getByTestId("export-datev")).toBeVisible();
  await expect(page.getByTestId("export-csv-de")).toBeVisible();
  await saveScreenshot(page, "roles-accountant-reports-de");
  const datev = await page.request.get(`${baseURL}/api/reports/datev.csv?from=2026-03-01&to=2026-03-31`);
  expect(datev.status()).toBe(200);

  await page.goto(`${baseURL}/de/jobs/${jobId}`);
  await expect(page.getByTestId("job-cost-gross")).toBeVisible();

  await page.goto(`${baseURL}/de/printers/${printerId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("X1 Halle");
  await expect(page.getByTestId("printer-controls")).toHaveCount(0);
  await expect(page.getByTestId("admin-actions")).toHaveCount(0);
  await saveScreenshot(page, "roles-accountant-printer-de");
  const command = await apiPost(page.request, baseURL, `/api/printers/${printerId}/commands`, { action: "pause" });
  expect(command.status).toBe(403);
  await logout(page);
});

test("a viewer sees printers and jobs but no money, customer or exports (en)", async ({ page }) => {
  const { baseURL } = product;
  await login(page, baseURL, viewer.email, viewer.password, "en");
  await expect(page.getByTestId("nav-printers")).toBeVisible();
  await expect(page.getByTestId("nav-jobs")).toBeVisible();
  await expect(page.getByTestId("nav-reports")).toHaveCount(0);
  await expect(page.getByTestId("nav-materials")).toHaveCount(0);

  await page.goto(`${baseURL}/en/jobs/${jobId}`);
  await expect(page.getByTestId("job-facts")).toBeVisible();
  await expect(page.getByTestId("job-cost")).toHaveCount(0);
  await expect(page.locator("main")).not.toContainText("Beispiel AG");
  await expect(page.locator("main")).not.toContainText("€");
  await saveScreenshot(page, "roles-viewer-job-en");

  await page.goto(`${baseURL}/en/reports`);
  await expect(page.getByTestId("forbidden-page")).toBeVisible();
  await saveScreenshot(page, "roles-viewer-reports-en");
  for (const url of ["/api/reports/summary?from=2026-03-01&to=2026-03-31", "/api/reports/datev.csv?from=2026-03-01&to=2026-03-31", "/api/materials"]) {
    expect((await page.request.get(`${baseURL}${url}`)).status(), url).toBe(403);
  }
  await page.goto(`${baseURL}/en`);
  await logout(page);
});
