import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { login } from "./support/auth";
import { apiPost } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * The business side end to end: a finished print recorded as the worker records it,
 * priced by the job-end hook, shown on the reports page and exported as German CSV;
 * the public legal pages; a person's data export and erasure (DSGVO).
 */

test.describe.configure({ mode: "serial" });

let product: Product;

const recordFinishedPrint = `
import { db, closeDb } from "@/lib/db";
import { onJobFinished } from "@/lib/business/job-finished";
const printer = await db.printer.create({ data: { name: "A1 Werkstatt", kind: "bambu", host: "127.0.0.1", model: "A1", serial: "03919A000000778", credentials: "{}", enabled: false } });
const material = await db.material.create({ data: { type: "PLA", brand: "Bambu", color: "Schwarz", diameterMm: "1.75", pricePerKgCents: 2499 } });
await db.spool.create({ data: { materialId: material.id, initialGrams: 1000, remainingGrams: 1000, printerId: printer.id, slot: "ams0-tray0" } });
const job = await db.job.create({
  data: {
    printerId: printer.id, printerJobId: "e2e-1", name: "Halterung", status: "finished", progress: 100, customer: "Muster GmbH",
    startedAt: new Date("2026-03-03T08:00:00Z"), endedAt: new Date("2026-03-03T10:00:00Z"), durationSeconds: 7200, filamentGrams: 55,
  },
});
await onJobFinished(job.id);
console.log("costs=" + (await db.jobCost.count()));
await closeDb();
`;
const admin = { name: "Anna Admin", email: "anna@druckerei.example", password: "sicheres-Passwort-1" };
const operator = { name: "Otto Operator", email: "otto@druckerei.example", password: "operator-Passwort-3" };

test.beforeAll(async ({ request }) => {
  product = await startProduct();
  const setup = await apiPost(request, product.baseURL, "/api/setup", admin);
  expect(setup.status).toBe(201);
  // The worker's side, in a process of its own as in production: record the finished print and run the job-end hook.
  const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", recordFinishedPrint], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: product.env,
    encoding: "utf8",
  });
  expect(output.trim().split("\n").at(-1)).toBe("costs=1");
});

test.afterAll(async () => {
  await product?.stop();
});

test("reports page shows the priced job and exports German CSV", async ({ page }) => {
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password);
  await page.goto(`${baseURL}/de/reports?period=month&year=2026&part=3`);
  await expect(page.getByTestId("report-total")).toContainText("1");
  await expect(page.getByTestId("report-by-customer")).toContainText("Muster GmbH");
  await expect(page.getByTestId("report-chart")).toBeVisible();
  await expect(page.getByTestId("legal-links").first()).toBeVisible();
  await saveScreenshot(page, "business-reports-de");

  const csv = await page.request.get(`${baseURL}/api/reports/jobs.csv?from=2026-03-01&to=2026-03-31&locale=de`);
  expect(csv.status()).toBe(200);
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = body.toString("utf8").slice(1).trim().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/^03\.03\.2026;Halterung;A1 Werkstatt;Muster GmbH;/);

  await page.goto(`${baseURL}/de/materials`);
  await expect(page.getByTestId("spools-table")).toContainText("Bambu PLA Schwarz");
});

test("legal pages are public and linked from the sign-in page", async ({ browser }) => {
  const { baseURL } = product;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseURL}/de/login`);
  await page.getByTestId("legal-links").getByRole("link", { name: "Impressum" }).click();
  await expect(page.getByTestId("legal-impressum")).toContainText("§ 5 DDG");
  await page.goto(`${baseURL}/en/legal/datenschutz`);
  await expect(page.getByTestId("cookie-notice")).toContainText("session");
  await context.close();
});

test("a person downloads their data and an admin erases them", async ({ page, browser }) => {
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password);
  const created = await page.request.post(`${baseURL}/api/users`, { data: { ...operator, role: "operator" }, headers: { origin: baseURL } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const context = await browser.newContext();
  const own = await context.newPage();
  await login(own, baseURL, operator.email, operator.password);
  const exported = await own.request.get(`${baseURL}/api/privacy/export`);
  expect(exported.status()).toBe(200);
  const text = await exported.text();
  expect(JSON.parse(text)).toMatchObject({ profile: { email: operator.email, name: operator.name } });
  expect(text).not.toMatch(/passwordHash|tokenHash/);

  const erased = await page.request.post(`${baseURL}/api/privacy/users/${id}/erase`, { headers: { origin: baseURL } });
  expect(erased.status()).toBe(200);
  await own.goto(`${baseURL}/de/reports`);
  await expect(own.getByTestId("login-form")).toBeVisible();
  await context.close();

  await page.goto(`${baseURL}/de/settings/audit?action=privacy.`);
  await expect(page.getByTestId("audit-table")).toContainText("privacy.erased");
  await saveScreenshot(page, "business-audit-de");
});
