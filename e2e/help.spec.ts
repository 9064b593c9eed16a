import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { mkdir } from "node:fs/promises";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { startPrusaLinkSimulator, type PrusaLinkSimulator } from "@/sim/prusalink";
import { login } from "./support/auth";
import { expectAccessible } from "./support/axe";
import { addBambuPrinter, apiPost, printableFile } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * The manuals in the app ("Hilfe" / "Help"): every page renders in German and English,
 * accessible and without console errors, with links between pages, the table of contents,
 * the phone menu entry and the OpenAPI viewer working under the page's CSP. The user
 * guide's screenshots (docs/images/<locale>/) are taken here on every run, from a product
 * with a printing Bambu and an idle Prusa, so they show what the product shows today.
 */

test.describe.configure({ mode: "serial" });

let product: Product;
let bambu: BambuSimulator;
let prusa: PrusaLinkSimulator;

const admin = { name: "Hanna Hilfe", email: "hanna@druckerei.example", password: "sicheres-Passwort-7" };
const LIVE = { timeout: 60_000 };
const images = path.resolve("docs", "images");

const words = {
  de: { help: "Hilfe", title: "Hilfe zu Printernizer", troubleshooting: "Fehlerbehebung", contents: "Handbücher", onThisPage: "Auf dieser Seite", dashboard: "Übersicht", menu: "Menü" },
  en: { help: "Help", title: "Printernizer help", troubleshooting: "Troubleshooting", contents: "Manuals", onThisPage: "On this page", dashboard: "Dashboard", menu: "Menu" },
} as const;

test.beforeAll(async ({ request }) => {
  product = await startProduct();
  bambu = await startBambuSimulator({
    serial: "03919A000000777",
    accessCode: "40217777",
    model: "A1",
    host: "127.0.0.1",
    mqttPort: 0,
    ftpPort: 0,
    cameraPort: 0,
    printSeconds: 3_600,
    prepareSeconds: 1,
    timeScale: 1,
    reportIntervalMs: 500,
  });
  prusa = await startPrusaLinkSimulator({ model: "Core One", password: "Druck3rPass", printSeconds: 60 });
  expect((await apiPost(request, product.baseURL, "/api/setup", admin)).status).toBe(201);
});

test.afterAll(async () => {
  await bambu?.close();
  await prusa?.close();
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

/** The visible window at a fixed size, so the committed pictures change only when the product does. */
async function guideScreenshot(page: Page, locale: string, name: string): Promise<void> {
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "open", LIVE);
  await mkdir(path.join(images, locale), { recursive: true });
  await page.screenshot({ path: path.join(images, locale, `${name}.png`), animations: "disabled", caret: "hide" });
}

test("the user guide's screenshots show the product as it is", async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  const { baseURL } = product;
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, baseURL, admin.email, admin.password, "de");
  await addBambuPrinter(page.request, baseURL, bambu, "A1 Halle", "Halle 2");
  const added = await apiPost(page.request, baseURL, "/api/printers", {
    kind: "prusalink",
    name: "Core One Büro",
    host: prusa.host,
    httpPort: prusa.port,
    username: prusa.username,
    password: prusa.password,
    model: prusa.model,
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  await page.goto(`${baseURL}/de`);
  await page.getByTestId("first-steps-dismiss").click();
  await expect(page.getByTestId("first-steps")).toHaveCount(0);
  await bambu.startPrint(await printableFile(bambu), { subtaskName: "Gehäuse Deckel" });

  for (const locale of ["de", "en"] as const) {
    await page.goto(`${baseURL}/${locale}`);
    await expect(page.getByRole("heading", { level: 1, name: words[locale].dashboard })).toBeVisible();
    const card = page.getByTestId("printer-card").filter({ has: page.getByRole("link", { name: "A1 Halle" }) });
    await expect(card).toHaveAttribute("data-state", "printing", LIVE);
    await expect(page.getByTestId("printer-card").filter({ hasText: "Core One Büro" })).toHaveAttribute("data-state", "idle", LIVE);
    await guideScreenshot(page, locale, "dashboard");

    await page.goto(`${baseURL}/${locale}?view=wall`);
    await expect(page.getByText("Gehäuse Deckel").first()).toBeVisible(LIVE);
    await guideScreenshot(page, locale, "wall");

    for (const name of ["files", "jobs", "reports"] as const) {
      await page.goto(`${baseURL}/${locale}/${name}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      await guideScreenshot(page, locale, name);
    }
  }
  expect(errors).toEqual([]);
});

for (const locale of ["de", "en"] as const) {
  test(`the manuals render in the app (${locale})`, async ({ page }) => {
    test.setTimeout(240_000);
    const errors = collectErrors(page);
    const { baseURL } = product;
    const w = words[locale];
    await page.setViewportSize({ width: 1280, height: 800 });
    await login(page, baseURL, admin.email, admin.password, locale);

    // The navigation leads to the manuals' index, with its table of contents.
    await page.getByTestId("nav-help").first().click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/help$`));
    await expect(page.getByRole("heading", { level: 1, name: w.title })).toBeVisible();
    const contents = page.getByRole("navigation", { name: w.contents });
    await expect(contents.getByRole("link", { name: w.troubleshooting })).toBeVisible();
    await expectAccessible(page, `help index (${locale})`);

    // A link inside a page leads to the other page; the page's headings are anchors.
    await page.getByTestId("help-article").getByRole("link", { name: w.troubleshooting }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/help/troubleshooting$`));
    await expect(page.getByRole("heading", { level: 1, name: w.troubleshooting })).toBeVisible();
    await expect(page.getByRole("cell", { name: "printer_busy", exact: true })).toBeVisible();
    const onThisPage = page.getByRole("navigation", { name: w.onThisPage });
    await onThisPage.getByRole("link").nth(1).click();
    await expect(page).toHaveURL(/#.+$/);
    await expectAccessible(page, `troubleshooting (${locale})`);
    await saveScreenshot(page, `help-troubleshooting-${locale}`);

    // A printer page links into the troubleshooting page's section.
    await page.goto(`${baseURL}/${locale}/help/printers/bambu-a1`);
    await expect(page.getByRole("heading", { level: 1, name: "Bambu Lab A1" })).toBeVisible();
    await page.getByTestId("help-article").getByRole("link", { name: "bambu.failure.auth" }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/help/troubleshooting#.+bambu-lab$`));
    await expectAccessible(page, `printer setup (${locale})`);

    // The user guide shows the screenshots, inlined.
    await page.goto(`${baseURL}/${locale}/help/guide`);
    const picture = page.getByTestId("help-article").getByRole("img").first();
    await expect(picture).toHaveAttribute("src", /^data:image\/png;base64,/);
    expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expectAccessible(page, `user guide (${locale})`);

    for (const slug of ["compliance", "security", "operations", "reference/events", "guide/queue"]) {
      await page.goto(`${baseURL}/${locale}/help/${slug}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessible(page, `help ${slug} (${locale})`);
    }

    // An unknown page is not found.
    const missing = await page.goto(`${baseURL}/${locale}/help/no-such-page`);
    expect(missing?.status()).toBe(404);

    // On a phone the menu holds the entry too.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseURL}/${locale}/help/compliance`);
    await page.getByTestId("menu-button").click();
    await page.getByTestId("mobile-menu").getByTestId("nav-help").click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/help$`));
    await expect(page.getByRole("heading", { level: 1, name: w.title })).toBeVisible();
    expect(errors.filter((error) => !error.includes("404"))).toEqual([]);
  });
}

test("the API reference shows the OpenAPI document in a viewer served by the app", async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  const outside: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(product.baseURL) && !request.url().startsWith("data:")) outside.push(request.url());
  });
  const { baseURL } = product;
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, baseURL, admin.email, admin.password, "en");
  await page.goto(`${baseURL}/en/help/reference/api`);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  const viewer = page.getByTestId("api-viewer");
  await expect(viewer.getByRole("heading", { level: 1, name: "Printernizer API" })).toBeVisible(LIVE);
  await expect(viewer.getByRole("link", { name: /This API's OpenAPI 3\.1 document/ })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Ask AI" })).toHaveCount(0);
  // The manual's own part is accessible; the viewer is Scalar's, checked by its makers.
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).exclude('[data-testid="api-viewer"]').analyze();
  expect(result.violations.map((violation) => violation.id)).toEqual([]);
  expect(outside, "the viewer reached beyond this server").toEqual([]);
  await saveScreenshot(page, "help-api-reference-en");
  expect(errors).toEqual([]);
});
