import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { login } from "./support/auth";
import { expectAccessible } from "./support/axe";
import { apiPost } from "./support/fleet";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

/**
 * The admin pages a shop owner uses to look after the installation: backups (back up now,
 * the new copy listed and downloaded) and the audit log in words, in German and English,
 * on a desktop and a phone, accessible and without console errors. SQLite only: the
 * backup runs SQLite's online backup in the worker.
 */

test.describe.configure({ mode: "serial" });

let product: Product;
const admin = { name: "Anna Admin", email: "anna@druckerei.example", password: "sicheres-Passwort-1" };

const words = {
  de: { backUpNow: "Jetzt sichern", created: "Sicherung erstellt und geprüft", downloaded: "Datensicherung heruntergeladen", backupRun: "Datensicherung gestartet", signedIn: "Angemeldet", who: "Anna Admin", from: "von", to: "bis" },
  en: { backUpNow: "Back up now", created: "Backup created and verified", downloaded: "Backup downloaded", backupRun: "Backup started", signedIn: "Signed in", who: "Anna Admin", from: "from", to: "to" },
} as const;

const viewports = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

/**
 * Collects console errors and uncaught page errors on the pages under test (/settings);
 * the test fails on any. The dashboard that login lands on has its own spec.
 */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  const record = (text: string) => {
    if (new URL(page.url()).pathname.includes("/settings")) errors.push(`${page.url()}: ${text}`);
  };
  page.on("console", (message) => {
    if (message.type() === "error") record(message.text());
  });
  page.on("pageerror", (error) => record(error.message));
  return errors;
}

test.beforeAll(async ({ request }) => {
  product = await startProduct();
  const setup = await apiPost(request, product.baseURL, "/api/setup", admin);
  expect(setup.status).toBe(201);
});

test.afterAll(async () => {
  await product?.stop();
});

for (const locale of ["de", "en"] as const) {
  for (const viewport of viewports) {
    test(`backups and audit log in ${locale} on ${viewport.name}`, async ({ page }) => {
      const w = words[locale];
      const errors = watchConsole(page);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await login(page, product.baseURL, admin.email, admin.password, locale);

      await page.goto(`${product.baseURL}/${locale}/settings`);
      await page.getByTestId("settings-backups").click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/settings/backups$`));
      // A fresh installation owes no backup yet: no red warning.
      await expect(page.getByTestId("backup-health")).not.toHaveClass(/text-red/);

      await page.getByRole("button", { name: w.backUpNow }).click();
      const result = page.getByTestId("backup-result");
      await expect(result).toContainText(w.created, { timeout: 60_000 });
      const file = /printernizer-\d{8}T\d{6}Z\.db/.exec((await result.textContent()) ?? "")?.[0];
      expect(file).toBeTruthy();
      const link = page.locator(`a[href="/api/backups/files/${file}"]:visible`);
      await expect(link).toBeVisible();
      await expect(page.locator("[data-testid=backup-row]:visible").first()).toContainText(locale === "de" ? "geprüft" : "verified");
      // The status card follows: the backup just made is the last success.
      await expect(page.getByTestId("backup-last-success")).not.toHaveText(locale === "de" ? "noch nie" : "never");
      await expectAccessible(page, `backups ${locale} ${viewport.name}`);
      await saveScreenshot(page, `admin-backups-${locale}-${viewport.name}`);

      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      expect(download.suggestedFilename()).toBe(file);
      const bytes = await readFile((await download.path()) ?? "");
      expect(bytes.subarray(0, 15).toString()).toBe("SQLite format 3");

      await page.goto(`${product.baseURL}/${locale}/settings/audit`);
      const table = page.getByTestId(viewport.name === "phone" ? "audit-cards" : "audit-table");
      const downloadRow = table.locator('[data-action="backup.download"]').first();
      await expect(downloadRow).toContainText(w.downloaded);
      await expect(downloadRow).toContainText(w.who);
      await expect(downloadRow).toContainText(file ?? "");
      await expect(table.locator('[data-action="backup.run"]').first()).toContainText(w.backupRun);
      await expect(table.locator('[data-action="auth.login"]').first()).toContainText(w.signedIn);
      await expect(table).not.toContainText("backup.download");
      await expect(table).not.toContainText("auth.login");
      await expect(table).toBeVisible();
      expect(await table.textContent()).not.toMatch(/[{}"]/);
      const filter = page.getByTestId("audit-filter");
      await expect(filter.getByText(w.from, { exact: true })).toBeVisible();
      await expect(filter.getByText(w.to, { exact: true })).toBeVisible();
      await page.getByTestId("run-compliance").click();
      const checkedAt = page.getByTestId("compliance-status");
      await expect(checkedAt).toContainText(locale === "de" ? /\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/ : /\d{1,2} [A-Z][a-z]{2,4} \d{4}, \d{2}:\d{2}/);
      await expectAccessible(page, `audit ${locale} ${viewport.name}`);
      await saveScreenshot(page, `admin-audit-${locale}-${viewport.name}`);

      expect(errors).toEqual([]);
    });
  }
}
