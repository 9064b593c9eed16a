import { createHash } from "node:crypto";
import { copyFile, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { z } from "zod";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { fixtureDir } from "@/test/fixtures";
import { login } from "./support/auth";
import { addBambuPrinter, apiPost } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * Sending a downloaded file back to a printer from the files page, against a real
 * product (web + worker) and a simulated Bambu A1: in German a two-plate project is
 * sent, plate 2 chosen and its filament mapped to an AMS tray, and the simulator prints
 * it from that tray; in English a file is only uploaded while the printer is busy.
 */

test.describe.configure({ mode: "serial" });

let product: Product;
let sim: BambuSimulator;
let printerId: string;

const admin = { name: "Anna Admin", email: "anna@druckerei.example", password: "sicheres-Passwort-1" };
const PRINTER = "A1 Werkstatt";
const PRUSA = "Core One Lager";
const TWO_PLATES = "bambu-2-plates.gcode.3mf";
const ONE_PLATE = "bambu.gcode.3mf";
const FIXTURES = fixtureDir("files");
const LIVE = { timeout: 60_000 };

const filesSchema = z.object({ files: z.array(z.object({ id: z.string(), name: z.string(), path: z.string().nullable(), status: z.string() })) });
const printersSchema = z.object({
  printers: z.array(
    z.object({
      id: z.string(),
      live: z.object({ data: z.object({ filament: z.array(z.object({ id: z.string(), active: z.boolean() })) }).nullable() }).nullable(),
      bed: z.object({ state: z.string() }),
    }),
  ),
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

function row(page: Page, name: string) {
  return page.getByTestId("file-row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
}

/** Lists the printer now (the worker may still be connecting) and downloads `remotePath`, through the API. */
async function download(page: Page, remotePath: string): Promise<void> {
  const { baseURL } = product;
  await expect(async () => {
    const sync = await apiPost(page.request, baseURL, `/api/printers/${printerId}/files/sync?wait=1`, {});
    expect(sync.body).toMatchObject({ status: "succeeded" });
  }).toPass(LIVE);
  const files = filesSchema.parse(await (await page.request.get(`${baseURL}/api/files?pageSize=200`)).json()).files;
  const file = files.find((f) => f.path === remotePath);
  if (!file) throw new Error(`${remotePath} not listed`);
  expect((await apiPost(page.request, baseURL, `/api/files/${file.id}/download`, {})).status).toBe(202);
  await expect
    .poll(async () => filesSchema.parse(await (await page.request.get(`${baseURL}/api/files?pageSize=200`)).json()).files.find((f) => f.id === file.id)?.status, { timeout: 90_000 })
    .toBe("downloaded");
}

async function activeSlot(page: Page): Promise<string | undefined> {
  const list = printersSchema.parse(await (await page.request.get(`${product.baseURL}/api/printers`)).json());
  return list.printers.find((p) => p.id === printerId)?.live?.data?.filament.find((slot) => slot.active)?.id;
}

test.beforeAll(async ({ request }) => {
  product = await startProduct();
  sim = await startBambuSimulator({
    serial: "03919A000000777",
    accessCode: "40217777",
    model: "A1",
    host: "127.0.0.1",
    mqttPort: 0,
    ftpPort: 0,
    cameraPort: 0,
    reportIntervalMs: 500,
  });
  for (const name of [TWO_PLATES, ONE_PLATE]) await copyFile(path.join(FIXTURES, name), path.join(sim.storageDir, "cache", name));
  const setup = await apiPost(request, product.baseURL, "/api/setup", { name: admin.name, email: admin.email, password: admin.password });
  expect(setup.status).toBe(201);
});

test.afterAll(async () => {
  await sim?.close();
  await product?.stop();
});

test("German: send a two-plate project to the Bambu, print plate 2 from the AMS tray chosen", async ({ page }) => {
  test.setTimeout(240_000);
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password, "de");
  printerId = await addBambuPrinter(page.request, baseURL, sim, PRINTER, "Halle 1");
  const prusa = await apiPost(page.request, baseURL, "/api/printers", {
    kind: "prusalink",
    name: PRUSA,
    host: "127.0.0.1",
    httpPort: 9,
    username: "maker",
    password: "kein-Drucker-hier",
    model: "Core One",
  });
  expect(prusa.status, JSON.stringify(prusa.body)).toBe(201);
  await download(page, `/cache/${TWO_PLATES}`);
  // A printer first seen idle asks once whether its bed is clear (a start before answers 409 bed_not_clear).
  await expect
    .poll(async () => printersSchema.parse(await (await page.request.get(`${baseURL}/api/printers`)).json()).printers.find((p) => p.id === printerId)?.bed.state, LIVE)
    .toBe("needs_clearing");
  expect((await apiPost(page.request, baseURL, `/api/printers/${printerId}/bed-cleared`, undefined)).status).toBe(200);

  await page.goto(`${baseURL}/de/files`);
  await expect(row(page, TWO_PLATES).getByTestId("file-status")).toHaveText("Heruntergeladen");
  await row(page, TWO_PLATES).getByRole("button", { name: `${TWO_PLATES} an einen Drucker senden` }).click();
  const dialog = page.getByTestId("send-dialog");
  await expect(dialog.getByRole("heading", { name: "An Drucker senden" })).toBeVisible();
  // The PrusaLink printer cannot print a Bambu project: shown, with the reason, but not selectable.
  const prusaOption = dialog.getByTestId("send-printer").locator("option", { hasText: PRUSA });
  await expect(prusaOption).toHaveText(`${PRUSA} – druckt keine Dateien vom Typ Bambu-Projekt (.gcode.3mf)`);
  await expect(prusaOption).toBeDisabled();
  await dialog.getByLabel("Drucker", { exact: true }).selectOption(printerId);
  await expect(dialog.getByTestId("send-printer-state")).toContainText("Bereit", LIVE);
  const start = dialog.getByRole("checkbox", { name: "Nach dem Hochladen drucken" });
  await expect(start).toBeEnabled();
  await expect(dialog.getByTestId("send-plate")).toHaveCount(0);
  await start.check();

  // Two plates to choose from; the mapping follows the chosen plate.
  const plate = dialog.getByLabel("Platte", { exact: true });
  await expect(plate.locator("option")).toHaveCount(2);
  await plate.selectOption("2");
  const mapping = dialog.getByTestId("send-mapping");
  await expect(dialog.getByRole("group", { name: "Filament-Zuordnung (AMS)" })).toBeVisible();
  const trays = mapping.getByTestId("send-mapping-tray");
  expect(await trays.count()).toBeGreaterThan(0);
  await expect(trays.first().locator("option", { hasText: "Externe Spule" })).toHaveCount(1);
  await trays.first().selectOption({ value: "2" });
  // Sending waits for the user to confirm the mapping.
  const submit = dialog.getByRole("button", { name: "Senden und drucken" });
  await expect(submit).toBeDisabled();
  await mapping.getByRole("checkbox", { name: "Ich habe die Zuordnung geprüft." }).check();
  await expect(submit).toBeEnabled();
  await saveScreenshot(page, "send-to-printer-de");
  await submit.click();
  await expect(dialog.getByTestId("send-outcome")).toHaveText(`Auftrag angenommen: ${TWO_PLATES} wird an ${PRINTER} gesendet und danach gestartet.`);

  // The file arrives on the SD card, and the printer prints it, fed from tray A3.
  await expect.poll(() => sim.state().fileName, LIVE).toBe(`/${TWO_PLATES}`);
  expect(sha256(await readFile(path.join(sim.storageDir, TWO_PLATES)))).toBe(sha256(await readFile(path.join(FIXTURES, TWO_PLATES))));
  await expect.poll(() => activeSlot(page), LIVE).toBe("ams0-tray2");
  await dialog.getByRole("button", { name: "Schließen" }).click();
  await expect(dialog).toHaveCount(0);
});

test("English: upload only while the printer is busy; the start is refused with the reason", async ({ page }) => {
  test.setTimeout(240_000);
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password, "en");
  const name = ONE_PLATE;
  const remote = `/cache/${name}`;
  await download(page, remote);
  await expect.poll(() => sim.state().gcodeState, LIVE).not.toBe("IDLE");

  await page.goto(`${baseURL}/en/files`);
  await row(page, name).getByRole("button", { name: `Send ${name} to a printer` }).click();
  const dialog = page.getByTestId("send-dialog");
  await dialog.getByLabel("Printer", { exact: true }).selectOption(printerId);
  await expect(dialog.getByRole("checkbox", { name: "Start printing after upload" })).toBeDisabled(LIVE);
  await expect(dialog.getByTestId("send-start-reason")).toHaveText(/^Printing is only possible when the printer is ready or finished \(now: (Printing|Preparing)\)\.$/);
  await saveScreenshot(page, "send-to-printer-en");
  await dialog.getByRole("button", { name: "Send", exact: true }).click();
  await expect(dialog.getByTestId("send-outcome")).toHaveText(`Accepted: ${name} is being sent to ${PRINTER}.`);
  const original = await readFile(path.join(FIXTURES, name));
  await expect.poll(async () => (await readFile(path.join(sim.storageDir, name)).catch(() => null))?.length ?? 0, LIVE).toBe(original.length);
  expect(sha256(await readFile(path.join(sim.storageDir, name)))).toBe(sha256(original));
  // The printer's own listing has it too, next to the original in /cache.
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(async () => {
    await apiPost(page.request, baseURL, `/api/printers/${printerId}/files/sync?wait=1`, {});
    const files = filesSchema.parse(await (await page.request.get(`${baseURL}/api/files?pageSize=200`)).json()).files;
    expect(files.filter((f) => f.name === name).map((f) => f.path).sort()).toEqual([`/${name}`, remote].sort());
  }).toPass(LIVE);
  sim.stop();
});
