import { mkdir } from "node:fs/promises";
import path from "node:path";
import { test, type Page } from "@playwright/test";

/**
 * Saves a full-page screenshot under test-results/screenshots/<project>/ for people to look
 * at; one folder per Playwright project, as the projects run side by side.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve("test-results", "screenshots", test.info().project.name);
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
