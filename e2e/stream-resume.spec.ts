// e2e: also on PostgreSQL
import { expect, test } from "@playwright/test";
import { login } from "./support/auth";
import { storedEventIds } from "./support/database";
import { startProduct, type Product } from "./support/product";

let product: Product;
const admin = { email: "admin@druckerei.example", password: "stream-test-password-1" };

test.beforeAll(async () => {
  product = await startProduct({
    PRINTERNIZER_ADMIN_EMAIL: admin.email,
    PRINTERNIZER_ADMIN_PASSWORD: admin.password,
    PRINTERNIZER_WORKER_HEARTBEAT_MS: "500",
  });
});

test.afterAll(async () => {
  await product?.stop();
});

test("the browser resumes from the last event id after the web process dies mid-stream", async ({ page }) => {
  // Record every message the app's EventSource receives, before any dedupe in the app.
  await page.addInitScript(() => {
    const received: number[] = [];
    Object.assign(window, { __received: received });
    const Original = window.EventSource;
    window.EventSource = class extends Original {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener("message", (e) => received.push(Number((e as MessageEvent).lastEventId)));
      }
    } as typeof EventSource;
  });
  await login(page, product.baseURL, admin.email, admin.password);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "open");
  const received = () => page.evaluate(() => (window as unknown as { __received: number[] }).__received.slice());
  await expect.poll(async () => (await received()).length).toBeGreaterThan(3);

  await product.killWeb();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "reconnecting");
  // The worker keeps appending heartbeats while no web process is there to stream them.
  await page.waitForTimeout(3_000);
  const beforeRestart = (await received()).length;
  await product.startWeb();

  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "open", { timeout: 30_000 });
  await expect.poll(async () => (await received()).length, { timeout: 30_000 }).toBeGreaterThan(beforeRestart + 6);

  const ids = await received();
  const stored = await storedEventIds(product.databaseUrl, ids[0], ids[ids.length - 1]);
  // Every event between the first and the last one received arrived exactly once, in order.
  expect(ids).toEqual(stored);
});
