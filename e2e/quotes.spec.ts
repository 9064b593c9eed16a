import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { login } from "./support/auth";
import { expectAccessible } from "./support/axe";
import { apiPost } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * The shop's business details and a price quote, in German at desktop size and in English
 * on a phone: details entered (a wrong IBAN is marked and kept), a quote for two copies
 * of a fixture file made with its live price, saved with its number and printed with the
 * shop's letterhead. Accessible and without a console error.
 */

test.describe.configure({ mode: "serial" });

let product: Product;
let fileName: string;

/** The fixture's metadata as the worker stores it, on a local file, plus prices and a material of its type. */
const seed = `
import { db, closeDb } from "@/lib/db";
import { readPrintFileMetadata } from "@/lib/files/metadata";
const metadata = await readPrintFileMetadata(process.env.FIXTURE, "bambu.gcode.3mf");
const type = metadata.plates[0]?.filaments[0]?.type ?? "PLA";
await db.material.create({ data: { type, brand: "Bambu", color: "Weiß", diameterMm: "1.75", pricePerKgCents: 2499 } });
await db.businessRate.create({ data: { validFrom: new Date("2026-01-01T00:00:00Z"), electricityCentsPerKwh: "35", machineCentsPerHour: "80", labourCentsPerHour: "3000", printerPowerWatts: 120, defaultMarkupBp: 2000, vatMode: "standard", defaultVatRateBp: 1900 } });
await db.localFile.create({ data: { relativePath: "local/bambu.gcode.3mf", name: "Halterung.gcode.3mf", size: 1000n, sha256: "e2e", metadata: JSON.stringify(metadata) } });
console.log("file=Halterung.gcode.3mf");
await closeDb();
`;

const admin = { name: "Anna Admin", email: "anna@druckerei.example", password: "sicheres-Passwort-1" };

test.beforeAll(async ({ request }) => {
  product = await startProduct();
  expect((await apiPost(request, product.baseURL, "/api/setup", admin)).status).toBe(201);
  const root = path.resolve(import.meta.dirname, "..");
  const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", seed], {
    cwd: root,
    env: { ...product.env, FIXTURE: path.join(root, "test/fixtures/files/bambu.gcode.3mf") },
    encoding: "utf8",
  });
  fileName = (output.trim().split("\n").at(-1) ?? "").replace("file=", "");
});

test.afterAll(async () => {
  await product?.stop();
});

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
  return errors;
}

/** Nothing sticks out sideways: the page itself never scrolls horizontally. */
async function expectNoSidewaysScroll(page: Page, label: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${label} is wider than the window`).toBeLessThanOrEqual(0);
}

const words = {
  de: {
    name: "Firmenname", street: "Straße und Hausnummer", postcode: "PLZ", city: "Ort", email: "E-Mail", vatId: "USt-IdNr.", iban: "IBAN",
    saveDetails: "Geschäftsangaben speichern", saved: "Geschäftsangaben gespeichert.", badIban: "Diese IBAN ist ungültig",
    newQuote: "Neuer Kostenvoranschlag", file: "Datei", copies: "Stückzahl", customer: "Kunde", validUntil: "Gültig bis", save: "Kostenvoranschlag speichern",
    print: "Druckansicht", title: "Kostenvoranschlag", gross: /^\d{1,3}(\.\d{3})*,\d\d\s€$/, vat: "Umsatzsteuer 19 %", date: /^\d\d\.\d\d\.\d{4}$/,
  },
  en: {
    name: "Company name", street: "Street and number", postcode: "Postcode", city: "City", email: "E-mail", vatId: "VAT ID (USt-IdNr.)", iban: "IBAN",
    saveDetails: "Save business details", saved: "Business details saved.", badIban: "This IBAN is not valid",
    newQuote: "New quote", file: "File", copies: "Copies", customer: "Customer", validUntil: "Valid until", save: "Save quote",
    print: "Printable page", title: "Quote", gross: /^€\d{1,3}(,\d{3})*\.\d\d$/, vat: "VAT 19 %", date: /^\d\d\/\d\d\/\d{4}$/,
  },
} as const;

async function enterDetails(page: Page, locale: "de" | "en", shop: string) {
  const w = words[locale];
  await page.goto(`${product.baseURL}/${locale}/settings/business#details`);
  const form = page.getByTestId("business-details-form");
  await form.getByLabel(w.name).fill(shop);
  await form.getByLabel(w.street).fill("Bahnhofstraße 12");
  await form.getByLabel(w.postcode).fill("70806");
  await form.getByLabel(w.city).fill("Kornwestheim");
  await form.getByLabel(w.email).fill("info@druck.example");
  await form.getByLabel(w.vatId).fill("DE123456789");
  await form.getByLabel(w.iban).fill("DE89 3704 0044 0532 0130 01");
  await form.getByRole("button", { name: w.saveDetails }).click();
  await expect(page.getByTestId("field-error-iban")).toContainText(w.badIban);
  await expect(form.getByLabel(w.iban)).toHaveValue("DE89 3704 0044 0532 0130 01");
  await expect(form.getByLabel(w.iban)).toHaveAttribute("aria-invalid", "true");
  await form.getByLabel(w.iban).fill("DE89 3704 0044 0532 0130 00");
  await form.getByRole("button", { name: w.saveDetails }).click();
  await expect(page.getByTestId("business-details-message")).toHaveText(w.saved);
  await expect(page.getByTestId("business-details-missing")).toHaveCount(0);
  await expectAccessible(page, `business details (${locale})`);
}

async function makeQuote(page: Page, locale: "de" | "en", customer: string) {
  const w = words[locale];
  await page.goto(`${product.baseURL}/${locale}/quotes`);
  await page.getByRole("link", { name: w.newQuote }).click();
  const form = page.getByTestId("quote-form");
  await form.getByLabel(w.file, { exact: true }).selectOption({ label: fileName });
  await expect(page.getByTestId("quote-gross")).toHaveText(w.gross, { timeout: 15_000 });
  await form.getByLabel(w.copies).fill("2");
  await expect(page.getByTestId("quote-lines")).toContainText("2 ×", { timeout: 15_000 });
  const unitNet = await page.getByTestId("quote-unit-net").textContent();
  await expect(page.getByTestId("quote-materials")).toBeVisible();
  await form.getByLabel(w.customer, { exact: true }).fill(customer);
  await form.getByLabel(w.validUntil).fill(locale === "de" ? "31.12.2099" : "31/12/2099");
  const gross = (await page.getByTestId("quote-gross").textContent()) ?? "";
  await expectAccessible(page, `new quote (${locale})`);
  return { form, gross, unitNet };
}

for (const [locale, size, label] of [
  ["de", { width: 1280, height: 800 }, "desktop"],
  ["en", { width: 390, height: 844 }, "phone"],
] as const) {
  test(`${locale} (${label}): business details, a quote for two copies, printed`, async ({ page }) => {
    const errors = collectErrors(page);
    const w = words[locale];
    const shop = locale === "de" ? "3D-Druck Muster" : "Muster 3D Printing";
    const customer = locale === "de" ? "Muster GmbH" : "Sample Ltd";
    await page.setViewportSize(size);
    await login(page, product.baseURL, admin.email, admin.password, locale);
    await enterDetails(page, locale, shop);
    await saveScreenshot(page, `quotes-details-${locale}-${label}`);
    await expectNoSidewaysScroll(page, "business settings");

    const { form, gross } = await makeQuote(page, locale, customer);
    await saveScreenshot(page, `quotes-new-${locale}-${label}`);
    await expectNoSidewaysScroll(page, "new quote");
    await form.getByRole("button", { name: w.save }).click();

    await expect(page.getByTestId("quote-number")).toHaveText(/^KV-\d{4}-000[12]$/, { timeout: 15_000 });
    await expect(page.getByTestId("quote-gross")).toHaveText(gross);
    await page.getByTestId("quote-print-link").click();

    const doc = page.getByTestId("quote-print").getByTestId("quote-document");
    await expect(doc.getByRole("heading", { level: 1 })).toContainText(w.title);
    await expect(doc.getByTestId("quote-letterhead")).toContainText(shop);
    await expect(doc.getByTestId("quote-letterhead")).toContainText("70806 Kornwestheim");
    await expect(doc.getByTestId("quote-customer")).toHaveText(customer);
    await expect(doc.getByTestId("quote-copies")).toHaveText("2");
    await expect(doc.getByTestId("quote-gross")).toHaveText(gross);
    await expect(doc.getByTestId("quote-lines")).toContainText(w.vat);
    await expect(doc.getByTestId("quote-valid-until")).toHaveText(locale === "de" ? "31.12.2099" : "31/12/2099");
    await expect(doc.getByTestId("quote-date")).toHaveText(w.date);
    await expect(doc.getByTestId("quote-footer")).toContainText("DE89 3704 0044 0532 0130 00");
    await expect(doc.getByTestId("quote-footer")).toContainText("DE123456789");
    await expectAccessible(page, `printed quote (${locale})`);
    await saveScreenshot(page, `quotes-print-${locale}-${label}`);
    await expectNoSidewaysScroll(page, "printable quote");
    await page.emulateMedia({ media: "print" });
    await expect(page.getByTestId("quote-print-now")).toBeHidden();
    await saveScreenshot(page, `quotes-paper-${locale}-${label}`);
    await page.emulateMedia({ media: "screen" });

    await page.goto(`${product.baseURL}/${locale}/quotes`);
    await expect(page.getByTestId("quotes-list")).toContainText(customer);
    await expectAccessible(page, `quotes list (${locale})`);
    await saveScreenshot(page, `quotes-list-${locale}-${label}`);
    await expectNoSidewaysScroll(page, "quotes list");
    expect(errors).toEqual([]);
  });
}
