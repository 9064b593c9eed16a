// e2e: also on PostgreSQL
import { expect, test, type Browser, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { login } from "./support/auth";
import { apiPost } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * The business side end to end: a finished print recorded as the worker records it,
 * priced by the job-end hook, labour entered on the job page, shown on the reports page
 * and exported as German CSV; the public legal pages; a person's data export and
 * erasure (DSGVO) through the UI in German and English.
 */

test.describe.configure({ mode: "serial" });

let product: Product;
let jobId: string;

const recordFinishedPrint = `
import { db, closeDb } from "@/lib/db";
import { onJobFinished } from "@/lib/business/on-job-finished";
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
console.log("job=" + job.id);
console.log("costs=" + (await db.jobCost.count()));
await closeDb();
`;
const admin = { name: "Anna Admin", email: "anna@druckerei.example", password: "sicheres-Passwort-1" };

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
  const lines = output.trim().split("\n");
  expect(lines.at(-1)).toBe("costs=1");
  jobId = (lines.at(-2) ?? "").replace("job=", "");
});

test.afterAll(async () => {
  await product?.stop();
});

test("labour entered on the job page is priced at the labour rate of the job's day", async ({ page }) => {
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password);
  const rate = await page.request.post(`${baseURL}/api/reports/rates`, {
    headers: { origin: baseURL },
    data: { validFrom: "2026-01-01", electricityCentsPerKwh: "35", machineCentsPerHour: "50", labourCentsPerHour: "3000", printerPowerWatts: 120, defaultMarkupBp: 0, vatMode: "standard", defaultVatRateBp: 1900 },
  });
  expect(rate.status()).toBe(201);
  await page.goto(`${baseURL}/de/jobs/${jobId}`);
  const panel = page.getByTestId("job-cost");
  await expect(panel.getByTestId("job-cost-lines")).not.toContainText("Arbeitszeit");
  await panel.getByLabel("Arbeitszeit (Minuten)").fill("30");
  await panel.getByRole("button", { name: "Arbeitszeit speichern" }).click();
  await expect(page.getByTestId("labour-message")).toContainText("Kosten neu berechnet");
  // 30 minutes at 30,00 € per hour.
  await expect(panel.getByTestId("job-cost-lines").getByRole("row", { name: /Arbeitszeit/ })).toContainText("15,00");
  await saveScreenshot(page, "business-job-cost-de");
});

test("reports page shows the priced job and exports German CSV", async ({ page }) => {
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password);
  await page.goto(`${baseURL}/de/reports?period=month&year=2026&part=3`);
  await expect(page.getByTestId("report-total")).toContainText("März 2026");
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

test("business hours are changed in German, stored, and shown in English", async ({ page }) => {
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password);
  await page.goto(`${baseURL}/de/settings/business`);
  const form = page.getByTestId("business-hours-form");
  await expect(form.getByLabel("Montag, Zeitraum 1: von")).toHaveValue("08:00");
  await expect(form.getByLabel("Montag, Zeitraum 1: bis")).toHaveValue("18:00");
  await expect(form.getByTestId("hours-sat")).toContainText("Geschlossen");
  await expect(form.getByTestId("hours-holidays")).toBeChecked();

  // A period that ends before it starts is refused beside it, and nothing is stored.
  await form.getByLabel("Montag, Zeitraum 1: bis").fill("7");
  await form.getByRole("button", { name: "Geschäftszeiten speichern" }).click();
  await expect(form.getByLabel("Montag, Zeitraum 1: bis")).toHaveValue("07:00");
  await expect(form.getByTestId("hours-error-mon.0")).toHaveText("Der Beginn muss vor dem Ende liegen.");
  await expect(form.getByLabel("Montag, Zeitraum 1: bis")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("business-hours-message")).toHaveText("Bitte die markierten Zeiten korrigieren.");
  await saveScreenshot(page, "business-hours-error-de");
  const unchanged = await page.request.get(`${baseURL}/api/reports/settings`);
  expect((await unchanged.json()).businessHours.week.mon).toEqual([{ start: "08:00", end: "18:00" }]);

  // Monday with a lunch break, Friday closed, Saturday morning, open on holidays.
  await form.getByLabel("Montag, Zeitraum 1: bis").fill("12");
  await expect(form.getByTestId("hours-error-mon.0")).toHaveCount(0);
  await form.getByRole("button", { name: "Montag: Zeitraum hinzufügen" }).click();
  await expect(form.getByLabel("Montag, Zeitraum 2: von")).toHaveValue("12:00");
  await form.getByLabel("Montag, Zeitraum 2: von").fill("13:00");
  await form.getByLabel("Montag, Zeitraum 2: bis").fill("17.30");
  await form.getByRole("button", { name: "Freitag: Zeitraum 1 entfernen" }).click();
  await expect(form.getByTestId("hours-fri")).toContainText("Geschlossen");
  await form.getByRole("button", { name: "Samstag: Zeitraum hinzufügen" }).click();
  await form.getByLabel("Samstag, Zeitraum 1: von").fill("9");
  await form.getByLabel("Samstag, Zeitraum 1: bis").fill("13");
  await form.getByTestId("hours-holidays").uncheck();
  await form.getByRole("button", { name: "Geschäftszeiten speichern" }).click();
  await expect(page.getByTestId("business-hours-message")).toHaveText("Gespeichert.");
  await expect(form.getByLabel("Montag, Zeitraum 2: bis")).toHaveValue("17:30");

  const stored = await page.request.get(`${baseURL}/api/reports/settings`);
  const workday = [{ start: "08:00", end: "18:00" }];
  expect((await stored.json()).businessHours).toEqual({
    week: {
      mon: [{ start: "08:00", end: "12:00" }, { start: "13:00", end: "17:30" }],
      tue: workday,
      wed: workday,
      thu: workday,
      fri: [],
      sat: [{ start: "09:00", end: "13:00" }],
      sun: [],
    },
    closedOnHolidays: false,
  });
  await page.reload();
  await expect(form.getByLabel("Montag, Zeitraum 2: von")).toHaveValue("13:00");
  await saveScreenshot(page, "business-hours-de");

  await page.goto(`${baseURL}/en/settings/business`);
  await expect(form.getByLabel("Monday, period 2: until")).toHaveValue("17:30");
  await expect(form.getByLabel("Saturday, period 1: from")).toHaveValue("09:00");
  await expect(form.getByTestId("hours-fri")).toContainText("Closed");
  await expect(form.getByTestId("hours-holidays")).not.toBeChecked();
  await expect(form.getByRole("button", { name: "Save business hours" })).toBeVisible();
  await saveScreenshot(page, "business-hours-en");
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

const erasure = {
  de: {
    person: { name: "Otto Operator", email: "otto@druckerei.example", password: "operator-Passwort-3" },
    dialog: "nicht rückgängig",
    confirm: "Endgültig löschen",
    erased: "wurden gelöscht",
    disabled: "Deaktiviert",
  },
  en: {
    person: { name: "Olga Operator", email: "olga@druckerei.example", password: "operator-Passwort-4" },
    dialog: "cannot be undone",
    confirm: "Erase for good",
    erased: "was erased",
    disabled: "Disabled",
  },
} as const;

async function downloadOwnData(browser: Browser, locale: "de" | "en", person: { email: string; password: string }): Promise<{ own: Page; data: unknown }> {
  const { baseURL } = product;
  const context = await browser.newContext({ acceptDownloads: true });
  const own = await context.newPage();
  await login(own, baseURL, person.email, person.password, locale);
  await own.goto(`${baseURL}/${locale}/settings/profile`);
  const [download] = await Promise.all([own.waitForEvent("download"), own.getByTestId("privacy-export").click()]);
  const file = await download.path();
  return { own, data: JSON.parse(await readFile(file, "utf8")) as unknown };
}

for (const locale of ["de", "en"] as const) {
  test(`a person downloads their data and an admin erases them through the UI (${locale})`, async ({ page, browser }) => {
    const { baseURL } = product;
    const words = erasure[locale];
    await login(page, baseURL, admin.email, admin.password, locale);
    const created = await page.request.post(`${baseURL}/api/users`, { data: { ...words.person, role: "operator" }, headers: { origin: baseURL } });
    expect(created.status()).toBe(201);

    const { own, data } = await downloadOwnData(browser, locale, words.person);
    expect(data).toMatchObject({ profile: { email: words.person.email, name: words.person.name } });
    expect(JSON.stringify(data)).not.toMatch(/passwordHash|tokenHash/);

    await page.goto(`${baseURL}/${locale}/settings/users`);
    await page.getByTestId(`user-row-${words.person.email}`).getByTestId("user-erase").click();
    // Every row has its dialog; only the open one is in the accessibility tree.
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(words.person.name);
    await expect(dialog).toContainText(words.dialog);
    await saveScreenshot(page, `business-erase-dialog-${locale}`);
    await dialog.getByRole("button", { name: words.confirm }).click();
    await expect(page.getByTestId("users-notice")).toContainText(words.erased);
    await expect(page.getByTestId(`user-row-${words.person.email}`)).toHaveCount(0);
    await expect(page.getByTestId("users-table")).toContainText(words.disabled);

    await own.goto(`${baseURL}/${locale}/reports`);
    await expect(own.getByTestId("login-form")).toBeVisible();
    await own.context().close();

    await page.goto(`${baseURL}/${locale}/settings/audit?action=privacy.`);
    await expect(page.locator('[data-testid="audit-row"][data-action="privacy.erased"]').first()).toContainText(locale === "de" ? "Personendaten gelöscht" : "Personal data erased");
  });
}
