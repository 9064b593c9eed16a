import { expect, test, type Page } from "@playwright/test";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { startPrusaLinkSimulator, type PrusaLinkSimulator } from "@/sim/prusalink";
import { login } from "./support/auth";
import { expectAccessible } from "./support/axe";
import { addBambuPrinter, apiPost, printableFile } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * The layout a shop owner sees on a desk and on a phone: the dashboard with a printing
 * Bambu and an idle PrusaLink printer, a printer's page, the phone menu, the first-steps
 * checklist and the legal template banner, in German and English at 1280 × 800 and
 * 390 × 844, accessible and without a single console error (hydration warnings included).
 */

test.describe.configure({ mode: "serial" });

let product: Product;
let bambu: BambuSimulator;
let prusa: PrusaLinkSimulator;
let bambuId: string;

const admin = { name: "Lena Layout", email: "lena@druckerei.example", password: "sicheres-Passwort-3" };
const LIVE = { timeout: 60_000 };
const sizes = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

const words = {
  de: { dashboard: "Übersicht", running: "Läuft", elapsed: "Läuft seit", menu: "Menü", firstSteps: "Erste Schritte", printing: "Druckt" },
  en: { dashboard: "Dashboard", running: "Running", elapsed: "Elapsed", menu: "Menu", firstSteps: "First steps", printing: "Printing" },
} as const;

test.beforeAll(async ({ request }) => {
  product = await startProduct();
  bambu = await startBambuSimulator({
    serial: "03919A000000888",
    accessCode: "40218888",
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
  const setup = await apiPost(request, product.baseURL, "/api/setup", admin);
  expect(setup.status).toBe(201);
});

test.afterAll(async () => {
  await bambu?.close();
  await prusa?.close();
  await product?.stop();
});

/** Every console error and uncaught page error, React's hydration warnings among them. */
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

function bambuCard(page: Page) {
  return page.getByTestId("printer-card").filter({ has: page.getByRole("link", { name: "A1 Halle" }) });
}

test("first steps lead a new admin and follow the data", async ({ page }) => {
  const errors = collectErrors(page);
  const { baseURL } = product;
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, baseURL, admin.email, admin.password, "de");
  const steps = page.getByTestId("first-steps");
  await expect(steps).toBeVisible();
  await expect(steps.getByRole("heading", { name: words.de.firstSteps })).toBeVisible();
  await expect(page.getByTestId("first-step-printer")).toHaveAttribute("data-done", "false");
  await expect(page.getByTestId("first-step-printer").getByRole("link")).toHaveAttribute("href", "/de/printers/new");
  await expectAccessible(page, "first steps (de)");
  await saveScreenshot(page, "layout-first-steps-de-desktop");

  // A printer added elsewhere ticks its step; the rest stay open.
  bambuId = await addBambuPrinter(page.request, baseURL, bambu, "A1 Halle", "Halle 2");
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
  await page.reload();
  await expect(page.getByTestId("first-step-printer")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("first-step-legal")).toHaveAttribute("data-done", "false");
  await expect(page.getByTestId("first-steps-progress")).toHaveText("1 von 6 erledigt");

  // The legal page's template banner leads to its editor.
  await page.goto(`${baseURL}/de/legal/impressum`);
  await expect(page.getByTestId("legal-edit-link")).toHaveAttribute("href", "/de/settings/business#legal");
  await page.getByTestId("legal-edit-link").click();
  await expect(page.getByTestId("legal-form")).toBeVisible();

  // Hiding is remembered for this admin.
  await page.goto(`${baseURL}/de`);
  await page.getByTestId("first-steps-dismiss").click();
  await expect(steps).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: words.de.dashboard })).toBeVisible();
  await expect(page.getByTestId("first-steps")).toHaveCount(0);
  expect(errors).toEqual([]);
});

for (const locale of ["de", "en"] as const) {
  test(`dashboard, printer page and phone menu (${locale})`, async ({ page }) => {
    test.setTimeout(240_000);
    const errors = collectErrors(page);
    const { baseURL } = product;
    const w = words[locale];
    await page.setViewportSize({ width: 1280, height: 800 });
    await login(page, baseURL, admin.email, admin.password, locale);
    if (locale === "de") await bambu.startPrint(await printableFile(bambu), { subtaskName: "Gehäuse Deckel" });

    for (const size of sizes) {
      await page.setViewportSize({ width: size.width, height: size.height });
      const label = `${locale} ${size.name}`;

      // Dashboard: the Bambu print shows how long it has run, the worker reads in words.
      await page.goto(`${baseURL}/${locale}`);
      await expect(page.getByRole("heading", { level: 1, name: w.dashboard })).toBeVisible();
      await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "open");
      await expect(bambuCard(page)).toHaveAttribute("data-state", "printing", LIVE);
      await expect(bambuCard(page).getByTestId("printer-state")).toHaveText(w.printing);
      const elapsed = bambuCard(page).locator("div", { has: page.getByText(w.elapsed, { exact: true }) }).locator("dd");
      await expect(elapsed).not.toHaveText("–", LIVE);
      await expect(elapsed).not.toBeEmpty();
      await expect(page.getByTestId("summary-printing").getByText(w.printing, { exact: true })).toBeVisible();
      await expect(page.getByTestId("worker-state")).toHaveText(w.running, LIVE);
      // A heartbeat is never "in 1 second".
      await expect(page.getByTestId("worker-since")).not.toContainText(/\(in /);
      await expect(page.getByTestId("printer-card").filter({ hasText: "Core One Büro" })).toHaveAttribute("data-state", "idle", LIVE);
      await expectNoSidewaysScroll(page, `dashboard ${label}`);
      await expectAccessible(page, `dashboard ${label}`);
      await saveScreenshot(page, `layout-dashboard-${locale}-${size.name}`);

      // List view: units stay on the line of their number.
      await page.goto(`${baseURL}/${locale}?view=list`);
      await expect(page.getByTestId("fleet-list")).toBeVisible();
      for (const cell of await page.getByTestId("fleet-list").locator("td .tabular-nums").all()) {
        const lines = await cell.evaluate((el) => el.getClientRects().length);
        expect(lines, `a value in the list wraps (${label})`).toBeLessThanOrEqual(1);
      }
      await expectNoSidewaysScroll(page, `list ${label}`);
      await saveScreenshot(page, `layout-list-${locale}-${size.name}`);

      // The printer's page: live values first, camera right after them, recent jobs scroll inside their card.
      await page.goto(`${baseURL}/${locale}/printers/${bambuId}`);
      await expect(page.getByTestId("printer-live")).toHaveAttribute("data-state", "printing", LIVE);
      await expect(page.getByTestId("jobs-table")).toBeVisible(LIVE);
      await expectNoSidewaysScroll(page, `printer page ${label}`);
      if (size.name === "phone") {
        const top = async (selector: string) => (await page.locator(selector).boundingBox())?.y ?? Number.NaN;
        const [live, camera, chart] = [await top("#live-heading"), await top("#camera-heading"), await top("#chart-heading")];
        expect(camera).toBeGreaterThan(live);
        expect(camera).toBeLessThan(chart);
      }
      await expectAccessible(page, `printer page ${label}`);
      await saveScreenshot(page, `layout-printer-${locale}-${size.name}`);
    }

    // The phone menu: one header row, every destination, Enter opens it, Escape closes it and returns focus.
    await page.goto(`${baseURL}/${locale}`);
    const button = page.getByTestId("menu-button");
    await expect(button).toHaveText(w.menu);
    const header = await page.locator("header").first().boundingBox();
    expect(header?.height ?? 0).toBeLessThan(70);
    await button.focus();
    await page.keyboard.press("Enter");
    const menu = page.getByTestId("mobile-menu");
    await expect(menu).toBeVisible();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(menu.getByRole("link")).toHaveCount(11);
    await expect(menu.getByTestId("nav-dashboard")).toBeFocused();
    await expectAccessible(page, `phone menu ${locale}`);
    await saveScreenshot(page, `layout-menu-${locale}-phone`);
    await page.keyboard.press("Escape");
    await expect(menu).toHaveCount(0);
    await expect(button).toBeFocused();
    await button.click();
    await menu.getByTestId("nav-printers").click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/printers$`));
    await expect(page.getByTestId("mobile-menu")).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}
