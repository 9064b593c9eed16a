// e2e: also on PostgreSQL
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { z } from "zod";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { login, logout } from "./support/auth";
import { expectAccessible } from "./support/axe";
import { addBambuPrinter, apiPost } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * The files page against a real product (web + worker) and a simulated Bambu A1 on real
 * sockets: re-read the printer's storage, download a file over FTPS, fetch the local copy
 * (whole and as a range), in German and English, and what a viewer may not do.
 */

test.describe.configure({ mode: "serial" });

let product: Product;
let sim: BambuSimulator;

const admin = { name: "Anna Admin", email: "anna@druckerei.example", password: "sicheres-Passwort-1" };
const viewer = { name: "Vera Viewer", email: "vera@druckerei.example", password: "anderes-Passwort-2" };
const PRINTER = "A1 Werkstatt";
/** A printer registered at a port nothing listens on. */
const UNREACHABLE = "Core One Lager";
const LIVE = { timeout: 60_000 };

const fileListSchema = z.object({
  files: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      path: z.string().nullable(),
      status: z.string(),
      size: z.number().nullable(),
      sha256: z.string().nullable(),
      contentUrl: z.string().nullable(),
      modifiedAt: z.string().nullable(),
    }),
  ),
});

test.beforeAll(async ({ request }) => {
  product = await startProduct();
  sim = await startBambuSimulator({
    serial: "03919A000000888",
    accessCode: "40218888",
    model: "A1",
    host: "127.0.0.1",
    mqttPort: 0,
    ftpPort: 0,
    cameraPort: 0,
    reportIntervalMs: 500,
  });
  const setup = await apiPost(request, product.baseURL, "/api/setup", { name: admin.name, email: admin.email, password: admin.password });
  expect(setup.status).toBe(201);
});

test.afterAll(async () => {
  await sim?.close();
  await product?.stop();
});

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function row(page: Page, name: string) {
  return page.getByTestId("file-row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
}

async function listFiles(page: Page) {
  const response = await page.request.get(`${product.baseURL}/api/files?pageSize=200`);
  expect(response.status()).toBe(200);
  return fileListSchema.parse(await response.json()).files;
}

test("German: sync a printer, download a file, fetch the local copy", async ({ page }) => {
  test.setTimeout(240_000);
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password, "de");
  expect((await apiPost(page.request, baseURL, "/api/users", { ...viewer, role: "viewer" })).status).toBe(201);
  await addBambuPrinter(page.request, baseURL, sim, PRINTER, "Halle 1");

  const onPrinter = await sim.printFiles();
  expect(onPrinter.length).toBeGreaterThan(0);
  const names = onPrinter.map((p) => path.basename(p));

  // A printer nobody answers at: re-reading it is refused, and the page says why.
  const unreachable = await apiPost(page.request, baseURL, "/api/printers", {
    kind: "prusalink",
    name: UNREACHABLE,
    host: "127.0.0.1",
    httpPort: 9,
    username: "maker",
    password: "kein-Drucker-hier",
    model: "Core One",
  });
  expect(unreachable.status, JSON.stringify(unreachable.body)).toBe(201);

  await page.goto(`${baseURL}/de/files`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dateien");
  const syncStatusOf = (printer: string) => page.getByTestId("files-sync-status").filter({ hasText: printer });
  await page.getByTestId("files-sync").filter({ hasText: UNREACHABLE }).click();
  await expect(syncStatusOf(UNREACHABLE)).toHaveText(`${UNREACHABLE} konnte nicht eingelesen werden: Der Drucker ist offline.`);
  await expect(syncStatusOf(UNREACHABLE)).toHaveAttribute("data-tone", "error");

  // Re-reading the printer's storage lists its files without a reload, all still on the printer.
  const sync = page.getByTestId("files-sync").filter({ hasText: PRINTER });
  await expect(sync).toHaveText(`${PRINTER} neu einlesen`);
  // The worker may still be connecting to the printer: until then the sync is refused (and says so).
  await expect(async () => {
    await sync.click();
    await expect(syncStatusOf(PRINTER)).toHaveAttribute("data-tone", "done", { timeout: 15_000 });
  }).toPass(LIVE);
  // One line per printer: the other printer's outcome stays.
  await expect(page.getByTestId("files-sync-status")).toHaveCount(2);
  await expect(syncStatusOf(PRINTER)).toHaveText(new RegExp(`^${PRINTER}: (1 neue Datei|\\d+ neue Dateien|keine Änderungen)\\.$`));
  await expect(page.getByTestId("file-row").first()).toBeVisible(LIVE);
  for (const name of names) {
    await expect(row(page, name).getByTestId("file-status")).toHaveText("Verfügbar", LIVE);
  }
  await expect(page.getByTestId("file-row")).toHaveCount(names.length);
  await expect(row(page, names[0]!)).toContainText(PRINTER);
  await expect(page.getByTestId("file-save")).toHaveCount(0);

  // Select one file and download it: it ends up downloaded, with a local copy to save.
  const name = names[0]!;
  await expect(page.getByTestId("files-download-selected")).toBeDisabled();
  await page.getByRole("checkbox", { name: `${name} auswählen` }).check();
  await expect(page.getByText("1 Datei ausgewählt")).toBeVisible();
  await page.getByTestId("files-download-selected").click();
  // The notice follows the download live: queued, running, done, then it clears itself.
  const notice = page.getByTestId("files-notice");
  await expect(notice).toHaveText(/^(1 Download eingereiht|1 Download läuft|1 Download fertig\.)$/);
  await expect(row(page, name).getByTestId("file-status")).toHaveText("Heruntergeladen", { timeout: 90_000 });
  await expect(notice).toHaveText("1 Download fertig.");
  await expect(notice).toBeEmpty({ timeout: 15_000 });
  await expect(row(page, name).getByTestId("file-save")).toHaveText("Speichern");
  // The actions must fit a 1280 px screen without scrolling the table sideways.
  await expect(row(page, name).getByTestId("file-save")).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId("file-status").filter({ hasText: "Heruntergeladen" })).toHaveCount(1);

  // The local copy is byte-for-byte the printer's file, and ranges are honoured.
  const entry = (await listFiles(page)).find((f) => f.name === name);
  if (!entry?.contentUrl || !entry.path) throw new Error(`no local copy of ${name} in the file list`);
  expect(entry.status).toBe("downloaded");
  expect(entry.contentUrl).toMatch(/^\/api\/files\/[^/]+\/content$/);
  const original = await readFile(path.join(sim.storageDir, entry.path));
  // Playwright asks for gzip and would quietly undo it: the file must come as it is.
  const whole = await page.request.get(`${baseURL}${entry.contentUrl}`);
  expect(whole.status()).toBe(200);
  expect(whole.headers()["content-encoding"]).toBeUndefined();
  const body = await whole.body();
  expect(body.length).toBe(original.length);
  expect(sha256(body)).toBe(sha256(original));
  expect(entry.sha256).toBe(sha256(original));
  expect(entry.size).toBe(original.length);
  const part = await page.request.get(`${baseURL}${entry.contentUrl}`, { headers: { range: "bytes=10-99" } });
  expect(part.status()).toBe(206);
  expect(part.headers()["content-range"]).toBe(`bytes 10-99/${original.length}`);
  expect(part.headers()["content-encoding"]).toBeUndefined();
  expect((await part.body()).equals(original.subarray(10, 100))).toBe(true);
  await expect(row(page, name).getByTestId("file-save")).toHaveAttribute("href", entry.contentUrl);

  await expectAccessible(page, "files (de)");
  await saveScreenshot(page, "files-de");
  await logout(page);
});

/** The Berlin calendar day of an instant, as an ISO date. */
function berlinDay(instant: string | Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date(instant));
}

test("German: filter by date (Berlin days, both included); unset filters stay out of the address", async ({ page }) => {
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password, "de");
  const days = (await listFiles(page)).flatMap((f) => (f.modifiedAt ? [berlinDay(f.modifiedAt)] : [])).sort();
  expect(days.length).toBeGreaterThan(0);
  const day = days[0]!;
  const nextDay = berlinDay(new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000));

  await page.goto(`${baseURL}/de/files`);
  await page.getByLabel("Geändert ab").fill(day);
  await page.getByLabel("Geändert bis").fill(day);
  await page.getByRole("button", { name: "Anwenden" }).click();
  await expect(page).toHaveURL(`${baseURL}/de/files?from=${day}&to=${day}&sort=-modifiedAt`);
  await expect(page.getByTestId("file-row")).toHaveCount(days.filter((d) => d === day).length);
  await saveScreenshot(page, "files-de-date-filter");

  await page.getByLabel("Geändert ab").fill(nextDay);
  await page.getByLabel("Geändert bis").fill("");
  await page.getByRole("button", { name: "Anwenden" }).click();
  await expect(page).toHaveURL(`${baseURL}/de/files?from=${nextDay}&sort=-modifiedAt`);
  const later = days.filter((d) => d >= nextDay).length;
  if (later === 0) await expect(page.getByText("Keine Dateien gefunden.")).toBeVisible();
  else await expect(page.getByTestId("file-row")).toHaveCount(later);

  // The housekeeping preview names the interval the worker really runs at (the product's default, an hour).
  await expect(page.getByTestId("files-housekeeping-note")).toContainText("Läuft stündlich im Worker.");
  expect((await page.request.get(`${baseURL}/api/files?from=2026-02-30`)).status()).toBe(422);
  await logout(page);
});

test("English: the same list, translated", async ({ page }) => {
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password, "en");
  await page.goto(`${baseURL}/en/files`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Files");
  const sync = page.getByTestId("files-sync").filter({ hasText: PRINTER });
  await expect(sync).toHaveText(`Re-read ${PRINTER}`);
  await sync.click();
  await expect(page.getByTestId("files-sync-status")).toHaveText(`${PRINTER}: no changes.`);
  await expect(page.getByTestId("file-status").filter({ hasText: "Downloaded" })).toHaveCount(1);
  await expect(page.getByTestId("file-status").filter({ hasText: "Available" }).first()).toBeVisible();
  await expectAccessible(page, "files (en)");
  await saveScreenshot(page, "files-en");
  await logout(page);
});

test("a viewer sees the files but cannot sync, download or save them", async ({ page }) => {
  const { baseURL } = product;
  await login(page, baseURL, viewer.email, viewer.password, "de");
  await page.goto(`${baseURL}/de/files`);
  await expect(page.getByTestId("file-row").first()).toBeVisible();
  await expect(page.getByTestId("file-status").filter({ hasText: "Heruntergeladen" })).toHaveCount(1);
  await expect(page.getByTestId("files-sync")).toHaveCount(0);
  await expect(page.getByTestId("files-download-selected")).toHaveCount(0);
  await expect(page.getByTestId("file-download")).toHaveCount(0);
  await expect(page.getByTestId("file-save")).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);

  // The API agrees with the page.
  const entry = (await listFiles(page)).find((f) => f.status === "downloaded");
  if (!entry?.contentUrl) throw new Error("no downloaded file in the list");
  expect((await page.request.get(`${baseURL}${entry.contentUrl}`)).status()).toBe(403);
  expect((await apiPost(page.request, baseURL, "/api/files/download", { ids: [entry.id] })).status).toBe(403);
  await expectAccessible(page, "files as viewer (de)");
});
