import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { z } from "zod";
import { gcodeBytes, MULTIPART_TYPE, multipartChunks } from "@/testing/files/multipart";
import { login } from "./support/auth";
import { expectAccessible } from "./support/axe";
import { apiPost } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * Library uploads against the product as users run it (scripts/web-server.mjs, production
 * build): 50 MB through the real server with the SHA-256 compared on both sides (proxy.ts
 * would cut a body at 10 MB), a body over the limit refused with 413 without the web
 * process holding it, and the files page's upload in German and English: progress, the
 * stored file with its thumbnail and print time, and a cancelled upload that leaves nothing.
 */

test.describe.configure({ mode: "serial" });

const MiB = 1024 * 1024;
const LIMIT_MB = 64;
const admin = { name: "Anna Admin", email: "anna@druckerei.example", password: "sicheres-Passwort-1" };
const fixtures = path.resolve(import.meta.dirname, "../test/fixtures/files");

let product: Product;
let token: string;

const uploadAnswer = z.object({ files: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), sha256: z.string(), contentUrl: z.string() })) });

test.beforeAll(async ({ request }) => {
  product = await startProduct({ PRINTERNIZER_UPLOAD_MAX_MB: String(LIMIT_MB) });
  const setup = await apiPost(request, product.baseURL, "/api/setup", { name: admin.name, email: admin.email, password: admin.password });
  expect(setup.status).toBe(201);
});

test.afterAll(async () => {
  await product?.stop();
});

/** Sends a multipart body chunk by chunk over plain HTTP (nothing of it held whole by the client) and reads the answer. */
function stream(chunks: AsyncIterable<Uint8Array>, headers: Record<string, string>): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL("/api/files", product.baseURL);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(url, { method: "POST", agent: false, headers: { authorization: `Bearer ${token}`, "content-type": MULTIPART_TYPE, ...headers } }, (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on("data", (chunk: Buffer) => parts.push(chunk));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString("utf8"), headers: res.headers });
        // A refusal comes before the body is sent whole: the rest is not sent.
        req.destroy();
      });
    });
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    void (async () => {
      // A declared size over the limit is answered from the headers alone: give that answer
      // its moment before writing into a connection the server may be closing.
      if (headers["content-length"]) {
        req.flushHeaders();
        await new Promise((r) => setTimeout(r, 2_000));
      }
      for await (const chunk of chunks) {
        if (answered || req.destroyed) return;
        if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
      }
      req.end();
    })().catch(() => undefined);
  });
}

function rssBytes(pid: number): Promise<number> {
  return readFile(`/proc/${pid}/status`, "utf8").then((status) => Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024);
}

test("API: 50 MB through the real server arrive whole (SHA-256 on both sides), and a body over the limit is refused with 413 unheld", async ({ page }) => {
  test.setTimeout(240_000);
  const { baseURL } = product;
  await login(page, baseURL, admin.email, admin.password, "de");
  const created = await apiPost(page.request, baseURL, "/api/tokens", { name: "Upload-Test", scopes: ["files", "read"] });
  expect(created.status).toBe(201);
  token = z.object({ token: z.string() }).parse(created.body).token;

  const sent = createHash("sha256");
  const answer = await stream(multipartChunks([{ fileName: "gross.gcode", data: gcodeBytes(50 * MiB, (chunk) => sent.update(chunk)) }]), {});
  expect(answer.status, answer.body).toBe(201);
  const [stored] = uploadAnswer.parse(JSON.parse(answer.body)).files;
  const sentHash = sent.digest("hex");
  expect(stored).toMatchObject({ name: "gross.gcode", size: 50 * MiB, sha256: sentHash });
  // The proxy does not see this route: next.config gives it the API policy instead.
  expect(answer.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  // Not kept alive: the next request comes after the server's keep-alive timeout, which would reset a pooled connection.
  const content = await page.request.get(`${baseURL}${stored!.contentUrl}`, { headers: { connection: "close" } });
  expect(content.status()).toBe(200);
  expect(createHash("sha256").update(await content.body()).digest("hex")).toBe(sentHash);

  // Declared too large: refused before the body is read.
  const declared = await stream(multipartChunks([{ fileName: "riesig.gcode", data: gcodeBytes(2 * MiB) }]), { "content-length": String(4096 * MiB) });
  expect(declared.status).toBe(413);

  // Chunked, no size announced: 512 MiB offered, refused at the 64 MiB limit; the web process
  // never holds the limit's worth of body in memory.
  const pid = product.pids().web ?? 0;
  const before = await rssBytes(pid);
  const oversize = await stream(multipartChunks([{ fileName: "zu-gross.gcode", data: gcodeBytes(512 * MiB) }]), {});
  expect(oversize.status).toBe(413);
  expect(JSON.parse(oversize.body)).toMatchObject({ error: { code: "payload_too_large", details: { maxBytes: LIMIT_MB * MiB } } });
  expect(await rssBytes(pid)).toBeLessThan(before + (LIMIT_MB * MiB) / 2);
  await expect.poll(() => readdir(path.join(product.dataDir, "files", ".tmp")).catch(() => []), { timeout: 30_000 }).toEqual([]);

  const list = z.object({ files: z.array(z.object({ name: z.string() })) }).parse(await (await page.request.get(`${baseURL}/api/files?pageSize=200`)).json());
  expect(list.files.map((f) => f.name)).toEqual(["gross.gcode"]);
});

/** Uploads slow down to a crawl in this page, so progress can be seen and a cancel lands mid-way. */
async function throttleUploads(page: Page, bytesPerSecond: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
}

const texts = {
  de: { heading: "Dateien hochladen", done: "Hochgeladen", cancelled: "Abgebrochen, nichts gespeichert.", cancelLabel: (name: string) => `Hochladen von ${name} abbrechen`, wrongType: "Dieser Dateityp lässt sich nicht hochladen" },
  en: { heading: "Upload files", done: "Uploaded", cancelled: "Cancelled, nothing stored.", cancelLabel: (name: string) => `Cancel the upload of ${name}`, wrongType: "This type of file cannot be uploaded" },
} as const;

for (const locale of ["de", "en"] as const) {
  test(`${locale === "de" ? "German" : "English"}: upload a print file with progress, see it listed with thumbnail and print time; cancel another`, async ({ page }) => {
    test.setTimeout(240_000);
    const t = texts[locale];
    const { baseURL } = product;
    await login(page, baseURL, admin.email, admin.password, locale);
    await page.goto(`${baseURL}/${locale}/files`);
    const zone = page.getByTestId("files-upload");
    await expect(zone.getByRole("heading", { name: t.heading })).toBeVisible();
    await expectAccessible(page, `files page with upload zone (${locale})`);

    await throttleUploads(page, 64 * 1024);
    const fixture = locale === "de" ? "bambu-2-plates.gcode.3mf" : "Shape-Box_0.4n_0.2mm_PLA_MK4ISMMU3_20m.bgcode";
    // The picker opens from its button, by keyboard too.
    const chooser = page.waitForEvent("filechooser");
    await zone.getByTestId("files-upload-choose").focus();
    await page.keyboard.press("Enter");
    await (await chooser).setFiles(path.join(fixtures, fixture));
    const item = zone.getByTestId("files-upload-item").filter({ hasText: fixture });
    const progress = item.getByTestId("files-upload-progress");
    await expect(progress).toBeVisible();
    await expect.poll(async () => Number(await progress.getAttribute("value")), { timeout: 30_000 }).toBeGreaterThan(0);
    await saveScreenshot(page, `library-upload-progress-${locale}`);
    await expectAccessible(page, `upload in progress (${locale})`);

    await expect(item).toHaveAttribute("data-state", "done", { timeout: 90_000 });
    await expect(item.getByTestId("files-upload-outcome")).toHaveText(t.done);
    const row = page.getByTestId("file-row").filter({ has: page.getByRole("rowheader", { name: fixture }) });
    await expect(row).toBeVisible({ timeout: 30_000 });
    const thumbnail = row.locator("img");
    await expect(thumbnail).toHaveAttribute("src", /\/api\/files\/.+\/thumbnail$/);
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect(row).toContainText(/\d+\s*(min|m|h|std)/i);

    // A big file, cancelled mid-way: gone from the list of uploads' work and never listed.
    const big = path.join(os.tmpdir(), `abbrechen-${locale}-${Date.now()}.gcode`);
    const chunks: Uint8Array[] = [];
    for await (const chunk of gcodeBytes(8 * MiB)) chunks.push(Uint8Array.from(chunk));
    await writeFile(big, Buffer.concat(chunks));
    await zone.getByTestId("files-upload-input").setInputFiles(big);
    const bigItem = zone.getByTestId("files-upload-item").filter({ hasText: path.basename(big) });
    await expect.poll(async () => Number(await bigItem.getByTestId("files-upload-progress").getAttribute("value")), { timeout: 30_000 }).toBeGreaterThan(0);
    const cancel = bigItem.getByTestId("files-upload-cancel");
    await expect(cancel).toHaveAccessibleName(t.cancelLabel(path.basename(big)));
    await cancel.focus();
    await page.keyboard.press("Enter");
    await expect(bigItem).toHaveAttribute("data-state", "cancelled");
    await expect(bigItem.getByTestId("files-upload-outcome")).toHaveText(t.cancelled);
    // The server let go of it too: no part file is left behind.
    await expect.poll(() => readdir(path.join(product.dataDir, "files", ".tmp")).catch(() => []), { timeout: 30_000 }).toEqual([]);

    if (locale === "en") {
      // Dropped onto the zone instead of picked: G-code text, stored like any other upload.
      const gcode = [...(await readFile(path.join(fixtures, "sample.gcode")))];
      await zone.getByTestId("files-upload-drop").evaluate((target, bytes) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], "abgelegt.gcode"));
        target.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        target.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }, gcode);
      await expect(zone.getByTestId("files-upload-item").filter({ hasText: "abgelegt.gcode" })).toHaveAttribute("data-state", "done", { timeout: 60_000 });
      await expect(page.getByTestId("file-row").filter({ has: page.getByRole("rowheader", { name: "abgelegt.gcode" }) })).toBeVisible({ timeout: 30_000 });
    }

    // A type the library does not take is refused at once, in the user's language.
    const stl = path.join(os.tmpdir(), `teil-${locale}.stl`);
    await writeFile(stl, "solid teil\nendsolid teil\n");
    await zone.getByTestId("files-upload-input").setInputFiles(stl);
    await expect(zone.getByTestId("files-upload-item").filter({ hasText: "teil-" })).toContainText(t.wrongType);
    await saveScreenshot(page, `library-upload-done-${locale}`);
    await expectAccessible(page, `upload outcomes (${locale})`);

    const names = z.object({ files: z.array(z.object({ name: z.string() })) }).parse(await (await page.request.get(`${baseURL}/api/files?pageSize=200`)).json()).files.map((f) => f.name);
    expect(names).toContain(fixture);
    expect(names).not.toContain(path.basename(big));
  });
}
