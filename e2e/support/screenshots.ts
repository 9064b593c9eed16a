import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";

/** Saves a full-page screenshot under test-results/screenshots/ for people to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve("test-results", "screenshots");
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
