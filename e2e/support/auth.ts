import { expect, type Page } from "@playwright/test";

export async function login(page: Page, baseURL: string, email: string, password: string, locale = "de"): Promise<void> {
  await page.goto(`${baseURL}/${locale}/login`);
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId("logout-button").click();
  await expect(page.getByTestId("login-form")).toBeVisible();
}
