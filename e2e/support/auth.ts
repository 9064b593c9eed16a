import { expect, type Page } from "@playwright/test";

export async function login(page: Page, baseURL: string, email: string, password: string, locale = "de"): Promise<void> {
  await page.goto(`${baseURL}/${locale}/login`);
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  // Signed in: the header names the user on a desktop; on a phone that sits behind the menu button.
  await expect(page.locator('[data-testid="current-user"]:visible, [data-testid="menu-button"]:visible').first()).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId("logout-button").click();
  await expect(page.getByTestId("login-form")).toBeVisible();
}
