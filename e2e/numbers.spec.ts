import { expect, test, type Page } from "@playwright/test";
import { login } from "./support/auth";
import { apiPost } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * Numbers entered the way the reader writes them: a German shop types "24,99" and
 * "1,75", an English one "24.99"; the tables show euros and millimetres in the page's
 * language, and a value that cannot be read marks its field and keeps what was typed.
 */

test.describe.configure({ mode: "serial" });

let product: Product;
const admin = { name: "Anna Admin", email: "anna@druckerei.example", password: "sicheres-Passwort-1" };

test.beforeAll(async ({ request }) => {
  product = await startProduct();
  expect((await apiPost(request, product.baseURL, "/api/setup", admin)).status).toBe(201);
});

test.afterAll(async () => {
  await product?.stop();
});

async function fillMaterial(page: Page, labels: Record<"type" | "brand" | "color" | "diameter" | "price", string>, values: Record<keyof typeof labels, string>) {
  const form = page.getByTestId("material-form");
  for (const key of Object.keys(labels) as (keyof typeof labels)[]) await form.getByLabel(labels[key], { exact: true }).fill(values[key]);
  return form;
}

const german = { type: "Typ", brand: "Marke", color: "Farbe", diameter: "Durchmesser", price: "Preis pro kg (netto)" };
const english = { type: "Type", brand: "Brand", color: "Colour", diameter: "Diameter", price: "Price per kg (net)" };

test("German: decimal commas are read, the table shows euros and millimetres, a wrong value is marked and kept", async ({ page }) => {
  await login(page, product.baseURL, admin.email, admin.password, "de");
  await page.goto(`${product.baseURL}/de/materials`);

  const form = await fillMaterial(page, german, { type: "PETG", brand: "Prusament", color: "Orange", diameter: "1,75", price: "24,9x" });
  await form.getByRole("button", { name: "Hinzufügen" }).click();
  const price = form.getByLabel(german.price, { exact: true });
  await expect(form.getByTestId("field-error-pricePerKg")).toHaveText("Das ist keine Zahl. Beispiel: 24,99");
  await expect(price).toHaveAttribute("aria-invalid", "true");
  await expect(price).toHaveAttribute("aria-describedby", /.+/);
  await expect(price).toHaveValue("24,9x");
  await expect(form.getByLabel(german.brand, { exact: true })).toHaveValue("Prusament");
  await expect(page.getByTestId("materials-message")).toHaveText("Nicht gespeichert: bitte die markierten Felder prüfen.");
  await saveScreenshot(page, "numbers-material-invalid-de");

  await price.fill("24,99 €");
  await form.getByRole("button", { name: "Hinzufügen" }).click();
  const table = page.getByTestId("materials-table");
  await expect(table).toContainText("24,99 €");
  await expect(table).toContainText("1,75 mm");
  await expect(form.getByTestId("field-error-pricePerKg")).toHaveCount(0);

  const stored = await page.request.get(`${product.baseURL}/api/materials`);
  expect(((await stored.json()) as { materials: { pricePerKgCents: number; diameterMm: string }[] }).materials[0]).toMatchObject({ pricePerKgCents: 2499, diameterMm: "1.75" });

  await table.getByRole("button", { name: "Bearbeiten" }).click();
  await expect(form.getByLabel(german.price, { exact: true })).toHaveValue("24,99");
  await form.getByLabel(german.price, { exact: true }).fill("1.234,5");
  await form.getByRole("button", { name: "Speichern" }).click();
  await expect(table).toContainText("1.234,50 €");
  await saveScreenshot(page, "numbers-materials-de");

  await table.getByRole("button", { name: "Archivieren" }).click();
  await expect(page.getByTestId("materials-table")).toHaveCount(0);
  await page.getByTestId("show-archived").check();
  await expect(page.getByTestId("materials-table")).toContainText("archiviert");
});

test("German: rates are entered in ct/kWh, euros per hour and percent and listed the German way", async ({ page }) => {
  await login(page, product.baseURL, admin.email, admin.password, "de");
  await page.goto(`${product.baseURL}/de/settings/business`);
  const form = page.getByTestId("rate-form");
  await form.getByLabel("Gültig ab").fill("2030-01-01");
  await form.getByLabel("Strom", { exact: true }).fill("34,12");
  await form.getByLabel("Maschinenstunde", { exact: true }).fill("0,955");
  await form.getByLabel("Aufschlag", { exact: true }).fill("42,5 %");
  await form.getByRole("button", { name: "Preise hinzufügen" }).click();
  const row = page.getByTestId("rate-2030-01-01");
  await expect(row).toContainText("01.01.2030");
  await expect(row).toContainText("34,12 ct/kWh");
  await expect(row).toContainText("0,955 €/h");
  await expect(row).toContainText("42,5 %");
  await saveScreenshot(page, "numbers-rates-de");

  await form.getByLabel("Gültig ab").fill("2030-01-01");
  await form.getByRole("button", { name: "Preise hinzufügen" }).click();
  await expect(page.getByTestId("rates-message")).toContainText("Für diesen Tag gibt es schon Preise");
  await row.getByRole("button", { name: "Löschen" }).click();
  await expect(page.getByTestId("rate-2030-01-01")).toHaveCount(0);
});

test("English: decimal points are read and the table shows euros the English way", async ({ page }) => {
  await login(page, product.baseURL, admin.email, admin.password, "en");
  await page.goto(`${product.baseURL}/en/materials`);
  const form = await fillMaterial(page, english, { type: "PLA", brand: "Bambu", color: "Black", diameter: "2.85", price: "24,99" });
  await form.getByRole("button", { name: "Add" }).click();
  await expect(form.getByTestId("field-error-pricePerKg")).toHaveText("This is not a number. Example: 24.99");
  await form.getByLabel(english.price, { exact: true }).fill("24.99");
  await form.getByRole("button", { name: "Add" }).click();
  const table = page.getByTestId("materials-table");
  await expect(table).toContainText("€24.99");
  await expect(table).toContainText("2.85 mm");
  await saveScreenshot(page, "numbers-materials-en");
});
