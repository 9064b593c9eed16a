// e2e: also on PostgreSQL
import { expect, test, type Locator, type Page } from "@playwright/test";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { login, logout } from "./support/auth";
import { expectAccessible } from "./support/axe";
import { addBambuPrinter, apiPost, printableFile } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * The operator's screens against a real product (web + worker) and a simulated Bambu
 * A1 on real sockets: live dashboard, printer controls, chart, alerts, history, in
 * German and English, and what a viewer may not see.
 */

test.describe.configure({ mode: "serial" });

let product: Product;
let sim: BambuSimulator;
let printerId: string;

const admin = { name: "Anna Admin", email: "anna@druckerei.example", password: "sicheres-Passwort-1" };
const viewer = { name: "Vera Viewer", email: "vera@druckerei.example", password: "anderes-Passwort-2" };
const LIVE = { timeout: 60_000 };

test.beforeAll(async ({ request }) => {
  product = await startProduct();
  sim = await startBambuSimulator({
    serial: "03919A000000777",
    accessCode: "40213377",
    model: "A1",
    host: "127.0.0.1",
    mqttPort: 0,
    ftpPort: 0,
    cameraPort: 0,
    // Long enough for the first print to outlast the accessibility checks on a busy machine before it is paused.
    printSeconds: 90,
    prepareSeconds: 1,
    timeScale: 5,
    reportIntervalMs: 500,
  });
  const { baseURL } = product;
  const setup = await apiPost(request, baseURL, "/api/setup", { name: admin.name, email: admin.email, password: admin.password });
  expect(setup.status).toBe(201);
});

test.afterAll(async () => {
  await sim?.close();
  await product?.stop();
});

function card(page: Page) {
  return page.getByTestId("printer-card").filter({ has: page.getByRole("link", { name: "A1 Werkstatt" }) });
}

async function progressOf(page: Page, scope: ReturnType<Page["getByTestId"]>): Promise<number> {
  return Number((await scope.getByTestId("printer-progress").getAttribute("data-value")) || "0");
}

/** The printer's copy of `path` in the file list once it is downloaded with its picture; the worker lists the printer a few seconds after connecting. */
async function downloadedWithThumbnail(page: Page, path: string): Promise<{ id: string; thumbnailUrl: string }> {
  const { baseURL } = product;
  const find = async () => {
    const response = await page.request.get(`${baseURL}/api/files?printer=${printerId}&pageSize=200`);
    const body = (await response.json()) as { files: { id: string; path: string | null; status: string; thumbnailUrl: string | null }[] };
    return body.files.find((f) => f.path === path);
  };
  await expect(async () => {
    await apiPost(page.request, baseURL, `/api/printers/${printerId}/files/sync`, {});
    expect(await find()).toBeDefined();
  }).toPass(LIVE);
  const file = await find();
  if (!file) throw new Error(`${path} is not listed`);
  expect((await apiPost(page.request, baseURL, "/api/files/download", { ids: [file.id] })).status).toBeLessThan(300);
  await expect.poll(async () => (await find())?.thumbnailUrl ?? null, { timeout: 90_000 }).not.toBeNull();
  return { id: file.id, thumbnailUrl: (await find())?.thumbnailUrl ?? "" };
}

/** The picture is the file's and the browser could decode it. */
async function expectThumbnail(scope: Locator, url: string): Promise<void> {
  const image = scope.getByTestId("job-thumbnail");
  await expect(image).toHaveAttribute("src", url, LIVE);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
}

async function waitForSimState(states: string[]): Promise<void> {
  await expect.poll(() => sim.state().gcodeState, { timeout: 20_000 }).toMatch(new RegExp(`^(${states.join("|")})$`));
}

test("German: live dashboard, controls, chart, alerts and history", async ({ page }) => {
  test.setTimeout(480_000);
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password, "de");
  expect((await apiPost(page.request, baseURL, "/api/users", { ...viewer, role: "viewer" })).status).toBe(201);
  const settings = await apiPost(page.request, baseURL, "/api/alerts/settings", { targetSettleSeconds: 0, overTargetC: 15, nozzleMaxC: 280 }, "PATCH");
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);

  // The empty dashboard invites to add a printer; the guided form refuses an empty submit field by field.
  await page.goto(`${baseURL}/de`);
  await expect(page.getByTestId("fleet-empty")).toBeVisible();
  await page.goto(`${baseURL}/de/printers/new`);
  await page.getByTestId("form-save").click();
  await expect(page.getByTestId("field-error-host")).toContainText("gültige IP-Adresse");
  await expect(page.getByTestId("field-error-serial")).toBeVisible();
  await expect(page.getByTestId("field-error-accessCode")).toBeVisible();
  await expectAccessible(page, "printer form (de)");
  await saveScreenshot(page, "printer-new-de");

  // Test before saving: a wrong access code fails at the sign-in stage, in German.
  await page.getByTestId("form-name").fill("Testdrucker");
  await page.getByTestId("form-host").fill(sim.host);
  await page.getByTestId("form-serial").fill(sim.serial);
  await page.getByTestId("form-access-code").fill("falsch00");
  await page.getByTestId("form-tls").selectOption("custom-ca");
  await page.getByTestId("form-ca").setInputFiles({ name: "ca.pem", mimeType: "application/x-pem-file", buffer: Buffer.from(sim.caCertPem) });
  await page.getByText("Ports (nur bei abweichender Einrichtung)").click();
  await page.getByTestId("form-mqttPort").fill(String(sim.mqttPort));
  await page.getByTestId("form-ftpPort").fill(String(sim.ftpPort));
  await page.getByTestId("form-test").click();
  await expect(page.getByTestId("test-result")).toContainText("Fehlgeschlagen bei: Anmeldung", { timeout: 40_000 });
  await saveScreenshot(page, "printer-new-test-de");

  printerId = await addBambuPrinter(page.request, baseURL, sim, "A1 Werkstatt", "Halle 1");
  const printable = await printableFile(sim);
  const thumbnail = await downloadedWithThumbnail(page, printable);

  // The printer appears live on the dashboard, idle, with a placeholder where a print's picture goes.
  await page.goto(`${baseURL}/de`);
  await expect(card(page)).toHaveAttribute("data-state", "idle", LIVE);
  await expect(card(page).getByTestId("printer-state")).toHaveText("Bereit");
  await expect(card(page).getByRole("img", { name: "Keine Vorschau" })).toBeVisible();

  // A print started on the printer shows up without a reload, with its file's picture, and its progress moves.
  await sim.startPrint(printable, { subtaskName: "Halterung v2" });
  await expect(card(page)).toHaveAttribute("data-state", "printing", LIVE);
  await expect(card(page).getByTestId("printer-state")).toHaveText("Druckt");
  await expect(card(page).getByTestId("printer-job")).toContainText("Halterung v2");
  await expectThumbnail(card(page), thumbnail.thumbnailUrl);
  await expect(card(page).getByRole("img", { name: "Vorschau von Halterung v2" })).toBeVisible();
  const first = await progressOf(page, card(page));
  await expect.poll(() => progressOf(page, card(page)), { timeout: 30_000 }).toBeGreaterThan(first);
  await expect(page.getByTestId("summary-printing-value")).toHaveText("1");
  await expectAccessible(page, "dashboard cards (de)");
  await saveScreenshot(page, "dashboard-de");
  await page.getByTestId("view-list").click();
  await expect(page.getByTestId("printer-row")).toHaveAttribute("data-state", "printing");
  await expectAccessible(page, "dashboard list (de)");
  await saveScreenshot(page, "dashboard-list-de");
  await page.getByTestId("view-wall").click();
  await expect(page.getByTestId("printer-tile")).toContainText("Druckt");
  await expectAccessible(page, "dashboard wall (de)");
  await saveScreenshot(page, "dashboard-wall-de");
  await page.getByTestId("view-cards").click();

  // The printer's page: live values, a chart with points, controls.
  await card(page).getByRole("link", { name: "A1 Werkstatt" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "A1 Werkstatt" })).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId("temperature-chart").getAttribute("data-points")), LIVE).toBeGreaterThan(1);
  await expect(page.getByTestId("printer-live")).toHaveAttribute("data-state", "printing");
  await expectThumbnail(page.getByTestId("printer-live"), thumbnail.thumbnailUrl);
  const recent = page.getByTestId("job-row").filter({ hasText: "Halterung v2" });
  await expect(recent.getByTestId("job-status")).toHaveText("Druckt");

  // Pause from the UI pauses the simulated printer, and the page says so, its recent jobs too.
  await page.getByTestId("control-pause").click();
  await waitForSimState(["PAUSE"]);
  await expect(page.getByTestId("printer-live").getByTestId("printer-state")).toHaveText("Pausiert", LIVE);
  await expect(recent.getByTestId("job-status")).toHaveText("Pausiert", LIVE);
  await expectAccessible(page, "printer page (de)");
  await saveScreenshot(page, "printer-de");
  await page.goto(`${baseURL}/de`);
  await expect(card(page).getByTestId("printer-state")).toHaveText("Pausiert", LIVE);
  await page.goto(`${baseURL}/de/printers/${printerId}`);

  await page.getByTestId("control-resume").click();
  await waitForSimState(["RUNNING"]);
  await expect(page.getByTestId("printer-live").getByTestId("printer-state")).toHaveText("Druckt", LIVE);

  // Stop asks first; Escape keeps the print running; confirming stops it.
  await page.getByTestId("control-stop").click();
  await expect(page.getByTestId("stop-dialog")).toBeVisible();
  await expect(page.getByTestId("stop-dialog-cancel")).toBeFocused();
  await saveScreenshot(page, "printer-stop-dialog-de");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("stop-dialog")).toBeHidden();
  expect(sim.state().gcodeState).toBe("RUNNING");
  await page.getByTestId("control-stop").click();
  await page.getByTestId("stop-dialog-confirm").click();
  await waitForSimState(["FAILED", "IDLE", "FINISH"]);
  await expect(page.getByTestId("printer-live")).not.toHaveAttribute("data-state", "printing", LIVE);

  // A print that runs to its end lands in the history as finished, live on the open history page.
  await sim.startPrint(await printableFile(sim), { subtaskName: "Zahnrad 40T" });
  await expect(page.getByTestId("printer-live")).toHaveAttribute("data-state", "printing", LIVE);
  await page.goto(`${baseURL}/de/jobs`);
  const finished = page.getByTestId("job-row").filter({ hasText: "Zahnrad 40T" });
  await expect(finished.getByTestId("job-status")).toHaveText("Druckt", LIVE);
  // The simulator's clock is moved on (it still heats, prints every layer and reports),
  // so the test does not sit out the print in real time.
  await expect
    .poll(
      () => {
        sim.advance(10);
        return sim.state().gcodeState;
      },
      { timeout: 120_000, intervals: [250] },
    )
    .toBe("FINISH");
  await expect(finished.getByTestId("job-status")).toHaveText("Fertig", LIVE);
  await expect(page.getByTestId("job-row").filter({ hasText: "Halterung v2" }).getByTestId("job-status")).toHaveText("Abgebrochen");
  await expectAccessible(page, "jobs (de)");
  await saveScreenshot(page, "jobs-de");
  // Filters are server-side search params; dates are typed the German way.
  const today = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());
  await page.getByTestId("jobs-filter-from").fill(today);
  await page.getByTestId("jobs-filter-status").selectOption("finished");
  await page.getByRole("button", { name: "Anwenden" }).click();
  await expect(page).toHaveURL(/status=finished/);
  await expect(page.getByTestId("job-row")).toHaveCount(1);
  await finished.getByRole("link", { name: "Zahnrad 40T", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Zahnrad 40T" })).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId("temperature-chart").getAttribute("data-points"))).toBeGreaterThan(0);
  await expectAccessible(page, "job detail (de)");
  await saveScreenshot(page, "job-de");

  // The stopped print's timeline: every state change with its Berlin time.
  await page.goto(`${baseURL}/de/jobs`);
  await page.getByTestId("job-row").filter({ hasText: "Halterung v2" }).getByRole("link", { name: "Halterung v2", exact: true }).click();
  const timeline = page.getByTestId("job-timeline").getByRole("listitem");
  await expect(timeline).toHaveCount(5);
  expect(await timeline.evaluateAll((items) => items.map((i) => i.getAttribute("data-kind")))).toEqual([
    "started",
    "paused",
    "resumed",
    "stopRequested",
    "cancelled",
  ]);
  await expect(timeline.getByTestId("timeline-label")).toHaveText(["Gestartet", "Pausiert", "Fortgesetzt", "Abbruch angefordert", "Abgebrochen"]);
  for (const time of await timeline.locator("time").all()) await expect(time).toHaveText(/^\d{2}\.\d{2}\.\d{4},? \d{2}:\d{2}/);
  await expectAccessible(page, "job timeline (de)");
  await saveScreenshot(page, "job-timeline-de");

  // An overheating printer raises a toast wherever the user is.
  await page.goto(`${baseURL}/de/printers`);
  await expectAccessible(page, "printers (de)");
  await saveScreenshot(page, "printers-de");
  await sim.startPrint(await printableFile(sim), { subtaskName: "Gehäuse" });
  await waitForSimState(["RUNNING"]);
  sim.injectOverheat();
  const toast = page.getByTestId("alert-toast").filter({ hasText: "Überhitzung" });
  await expect(toast).toBeVisible(LIVE);
  await expect(page.getByTestId("nav-alerts-badge")).toBeVisible();
  await saveScreenshot(page, "alert-toast-de");
  await page.goto(`${baseURL}/de/alerts`);
  const item = page.getByTestId("alert-item").filter({ hasText: "Überhitzung" });
  await expect(item).toBeVisible();
  await expectAccessible(page, "alerts (de)");
  await saveScreenshot(page, "alerts-de");
  await item.getByTestId("alert-acknowledge").click();
  await expect(item).toHaveAttribute("data-acknowledged", "true");
  sim.stop();
  await waitForSimState(["FAILED", "IDLE", "FINISH"]);
});

test("English: the same screens, with pause and stop", async ({ page }) => {
  test.setTimeout(240_000);
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password, "en");
  await page.goto(`${baseURL}/en`);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await sim.startPrint(await printableFile(sim), { subtaskName: "Bracket" });
  await expect(card(page).getByTestId("printer-state")).toHaveText("Printing", LIVE);
  await expect(card(page).getByRole("img", { name: "Preview of Bracket" })).toBeVisible(LIVE);
  await expectAccessible(page, "dashboard (en)");
  await saveScreenshot(page, "dashboard-en");
  await page.getByTestId("view-wall").click();
  await saveScreenshot(page, "dashboard-wall-en");
  await page.getByTestId("view-cards").click();

  await page.goto(`${baseURL}/en/printers/${printerId}`);
  await page.getByTestId("control-pause").click();
  await waitForSimState(["PAUSE"]);
  await expect(page.getByTestId("printer-live").getByTestId("printer-state")).toHaveText("Paused", LIVE);
  await expect.poll(async () => Number(await page.getByTestId("temperature-chart").getAttribute("data-points")), LIVE).toBeGreaterThan(1);
  await expectAccessible(page, "printer page (en)");
  await saveScreenshot(page, "printer-en");
  await page.getByTestId("control-resume").click();
  await waitForSimState(["RUNNING"]);
  await page.getByTestId("control-stop").click();
  await expect(page.getByTestId("stop-dialog")).toContainText("Stop the print?");
  await page.getByTestId("stop-dialog-confirm").click();
  await waitForSimState(["FAILED", "IDLE", "FINISH"]);

  for (const [path, name] of [
    ["/en/printers", "printers-en"],
    ["/en/printers/new", "printer-new-en"],
    ["/en/jobs", "jobs-en"],
    ["/en/alerts?status=past", "alerts-en"],
  ] as const) {
    await page.goto(`${baseURL}${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page, name);
    await saveScreenshot(page, name);
  }
  await page.goto(`${baseURL}/en/jobs`);
  await expect(page.getByTestId("job-row").filter({ hasText: "Bracket" }).getByTestId("job-status")).toHaveText("Cancelled", LIVE);
  await page.getByTestId("job-row").filter({ hasText: "Zahnrad 40T" }).getByRole("link", { name: "Zahnrad 40T", exact: true }).click();
  await expect(page.getByTestId("job-facts")).toContainText("Finished");
  await expect(page.getByTestId("job-timeline").getByTestId("timeline-label")).toHaveText(["Started", "Finished"]);
  await expectAccessible(page, "job detail (en)");
  await saveScreenshot(page, "job-en");
  await logout(page);
});

test("a viewer watches but sees no controls, and the server refuses them", async ({ page }) => {
  const { baseURL } = product;
  await login(page, baseURL, viewer.email, viewer.password, "de");
  await page.goto(`${baseURL}/de`);
  await expect(card(page)).toBeVisible();
  await page.goto(`${baseURL}/de/printers/${printerId}`);
  await expect(page.getByTestId("printer-live")).toBeVisible();
  await expect(page.getByTestId("printer-controls")).toHaveCount(0);
  await expect(page.getByTestId("admin-actions")).toHaveCount(0);
  await expectAccessible(page, "printer page as viewer");
  await saveScreenshot(page, "printer-viewer-de");
  await page.goto(`${baseURL}/de/printers`);
  await expect(page.getByTestId("add-printer")).toHaveCount(0);
  await page.goto(`${baseURL}/de/alerts?status=past`);
  await expect(page.getByTestId("alert-acknowledge")).toHaveCount(0);
  const refused = await apiPost(page.request, baseURL, `/api/printers/${printerId}/commands`, { action: "pause" });
  expect(refused.status).toBe(403);
  const form = await page.goto(`${baseURL}/de/printers/new`);
  expect(form?.status()).toBe(403);
});
