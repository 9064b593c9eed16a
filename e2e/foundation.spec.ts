// e2e: also on PostgreSQL
import { expect, test } from "@playwright/test";
import { login, logout } from "./support/auth";
import { startProduct, type Product } from "./support/product";
import { saveScreenshot } from "./support/screenshots";

let product: Product;

test.beforeAll(async () => {
  product = await startProduct();
});

test.afterAll(async () => {
  await product?.stop();
});

const admin = { name: "Anna Admin", email: "anna@druckerei.example", password: "sicheres-Passwort-1" };
const viewer = { name: "Vera Viewer", email: "vera@druckerei.example", password: "anderes-Passwort-2" };

test("pages run only the scripts their response's CSP nonce allows", async ({ page }) => {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (directive: string) => violations.push(directive));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportCspViolation(d: string): void }).reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const response = await page.goto(`${product.baseURL}/de/login`);
  const policy = response?.headers()["content-security-policy"] ?? "";
  const scriptSrc = policy.split(";").find((directive) => directive.trim().startsWith("script-src")) ?? "";
  expect(scriptSrc).not.toContain("unsafe-inline");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  expect(nonce).toBeTruthy();
  await expect(page.locator("form")).toBeVisible();
  const scriptNonces = await page.evaluate(() => Array.from(document.scripts, (script) => script.nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  expect(violations).toEqual([]);

  // Markup injected the classic way (an inline handler) does not run.
  await page.evaluate(() => {
    const div = document.createElement("div");
    div.innerHTML = `<img src="/no-such-image.png" onerror="window.__injected = true">`;
    document.body.append(div);
  });
  await expect.poll(() => violations).toContain("script-src-attr inline");
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();

  // Each response has its own nonce.
  const again = await page.request.get(`${product.baseURL}/de/login`);
  expect(again.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
});

test("first run, live dashboard, language, roles and logout", async ({ page }) => {
  const { baseURL } = product;

  // A fresh install leads to the one-time setup page.
  await page.goto(`${baseURL}/`);
  await expect(page).toHaveURL(/\/de\/setup$/);
  await saveScreenshot(page, "setup-de");
  await page.getByTestId("setup-name").fill(admin.name);
  await page.getByTestId("setup-email").fill(admin.email);
  await page.getByTestId("setup-password").fill(admin.password);
  await page.getByTestId("setup-password-confirm").fill(admin.password);
  await page.getByTestId("setup-submit").click();

  // Setup is gone once a user exists.
  await expect(page.getByTestId("login-form").or(page.getByTestId("current-user"))).toBeVisible();
  if (await page.getByTestId("login-form").isVisible()) {
    await saveScreenshot(page, "login-de");
    await login(page, baseURL, admin.email, admin.password);
  }
  const setupAgain = await page.request.get(`${baseURL}/de/setup`, { maxRedirects: 0 });
  expect(setupAgain.status()).toBeGreaterThanOrEqual(300);

  // The German dashboard shows the worker's heartbeat arriving live.
  await page.goto(`${baseURL}/de`);
  await expect(page.getByRole("heading", { level: 1, name: "Übersicht" })).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "open");
  const worker = page.getByTestId("worker-heartbeat");
  await expect(worker).toHaveAttribute("data-condition", "running");
  await expect(page.getByTestId("worker-state")).toHaveText("Läuft");
  await expect(worker).not.toHaveAttribute("data-beats", "0");
  const before = Number(await worker.getAttribute("data-beats"));
  await expect.poll(async () => Number(await worker.getAttribute("data-beats"))).toBeGreaterThan(before);
  await saveScreenshot(page, "dashboard-de");

  // Switching to English, and the choice survives a reload and a visit to "/".
  await page.getByTestId("language-switch").selectOption("en");
  await expect(page).toHaveURL(/\/en$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.goto(`${baseURL}/`);
  await expect(page).toHaveURL(/\/en$/);
  await saveScreenshot(page, "dashboard-en");

  // The admin creates a viewer through the API (same-origin request with the session cookie).
  const created = await page.request.post(`${baseURL}/api/users`, {
    data: { ...viewer, role: "viewer" },
    headers: { origin: baseURL },
  });
  expect(created.status()).toBe(201);

  // A foreign origin is refused and changes nothing.
  const foreign = await page.request.post(`${baseURL}/api/users`, {
    data: { name: "Mallory", email: "mallory@evil.example", password: "irrelevant-123", role: "admin" },
    headers: { origin: "https://evil.example" },
  });
  expect(foreign.status()).toBe(403);
  const users = (await (await page.request.get(`${baseURL}/api/users`)).json()) as { users?: { email: string }[] } | { email: string }[];
  expect(JSON.stringify(users)).not.toContain("mallory@evil.example");

  await logout(page);

  // A viewer sees the 403 page for an admin page, and the API answers 403 too.
  await login(page, baseURL, viewer.email, viewer.password, "en");
  const adminPage = await page.goto(`${baseURL}/en/settings/users`);
  expect(adminPage?.status()).toBe(403);
  await expect(page.getByTestId("forbidden-page")).toBeVisible();
  await saveScreenshot(page, "forbidden-en");
  const api = await page.request.get(`${baseURL}/api/users`);
  expect(api.status()).toBe(403);

  await page.goto(`${baseURL}/en`);
  await logout(page);
  const afterLogout = await page.request.get(`${baseURL}/api/me`);
  expect(afterLogout.status()).toBe(401);
});

test("wrong password shows a localized error and stores nothing", async ({ page }) => {
  await page.goto(`${product.baseURL}/de/login`);
  await page.getByTestId("login-email").fill(admin.email);
  await page.getByTestId("login-password").fill("falsch");
  await page.getByTestId("login-submit").click();
  await expect(page.getByRole("alert").filter({ hasText: /E-Mail|Passwort/ })).toBeVisible();
  await expect(page).toHaveURL(/\/de\/login/);
});
