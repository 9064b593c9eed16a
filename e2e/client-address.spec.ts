import { expect, test, type APIRequestContext } from "@playwright/test";
import { startProduct, type Product } from "./support/product";

/**
 * The product as users start it (scripts/web-server.mjs) decides who the client is from the
 * socket, not from headers the client writes. Every test client is on loopback, so the
 * metrics allow-list names an address that is not (10.9.9.9): only a believed
 * X-Forwarded-For could make a request come from there.
 */

/** One wrong login through next-auth's credentials callback; returns next-auth's error code. */
async function wrongLogin(request: APIRequestContext, baseURL: string, email: string, forwardedFor: string): Promise<string | null> {
  const { csrfToken } = (await (await request.get(`${baseURL}/api/auth/csrf`)).json()) as { csrfToken: string };
  const res = await request.post(`${baseURL}/api/auth/callback/credentials`, {
    headers: { "x-forwarded-for": forwardedFor, "x-real-ip": forwardedFor, origin: baseURL },
    form: { csrfToken, email, password: "falsches-Passwort", json: "true", callbackUrl: `${baseURL}/de` },
    maxRedirects: 0,
  });
  const location = res.headers().location ?? ((await res.json().catch(() => ({}))) as { url?: string }).url ?? "";
  return new URL(location, baseURL).searchParams.get("error");
}

/** 30 wrong logins for 30 accounts, each claiming another address; the error code of each. */
async function spoofedLoginBurst(request: APIRequestContext, baseURL: string): Promise<(string | null)[]> {
  const errors: (string | null)[] = [];
  for (let i = 1; i <= 30; i++) {
    errors.push(await wrongLogin(request, baseURL, `guess-${i}@druckerei.example`, `203.0.113.${i}`));
  }
  return errors;
}

test.describe("without a trusted proxy", () => {
  let product: Product;
  test.beforeAll(async () => {
    product = await startProduct({ PRINTERNIZER_METRICS_ALLOW: "10.9.9.9/32" });
  });
  test.afterAll(async () => {
    await product?.stop();
  });

  test("a spoofed X-Forwarded-For or X-Real-IP does not open the metrics", async ({ request }) => {
    const metrics = `${product.baseURL}/api/metrics`;
    const attempts: Record<string, string>[] = [{}, { "x-forwarded-for": "10.9.9.9" }, { "x-real-ip": "10.9.9.9" }, { "x-forwarded-for": "10.9.9.9, 10.9.9.9" }, { forwarded: "for=10.9.9.9" }];
    for (const headers of attempts) {
      expect((await request.get(metrics, { headers })).status(), JSON.stringify(headers)).toBe(403);
    }
  });

  test("made-up addresses do not dodge the per-address login back-off", async ({ request }) => {
    test.setTimeout(120_000);
    const errors = await spoofedLoginBurst(request, product.baseURL);
    // All 30 come from 127.0.0.1: its 20 free failures, then the back-off refuses.
    expect(errors.slice(0, 20)).toEqual(Array(20).fill("CredentialsSignin"));
    expect(errors.slice(20)).toContain("rate_limited");
  });
});

test.describe("behind a trusted proxy (PRINTERNIZER_TRUSTED_PROXIES=127.0.0.1/32)", () => {
  let product: Product;
  test.beforeAll(async () => {
    product = await startProduct({ PRINTERNIZER_TRUSTED_PROXIES: "127.0.0.1/32", PRINTERNIZER_METRICS_ALLOW: "127.0.0.1/32" });
  });
  test.afterAll(async () => {
    await product?.stop();
  });

  test("the forwarded address is the client: the allow-list sees it, not the proxy", async ({ request }) => {
    const metrics = `${product.baseURL}/api/metrics`;
    const scrape = await request.get(metrics);
    expect(scrape.status()).toBe(200);
    expect(await scrape.text()).toContain("# HELP");
    expect((await request.get(metrics, { headers: { "x-forwarded-for": "127.0.0.1" } })).status()).toBe(200);
    expect((await request.get(metrics, { headers: { "x-forwarded-for": "10.9.9.9" } })).status()).toBe(403);
    expect((await request.get(metrics, { headers: { "x-real-ip": "10.9.9.9" } })).status()).toBe(403);
    // The walk stops at the first address that is not a trusted proxy; what is left of it is the client's word.
    expect((await request.get(metrics, { headers: { "x-forwarded-for": "127.0.0.1, 10.9.9.9" } })).status()).toBe(403);
  });

  test("the login back-off counts per forwarded address", async ({ request }) => {
    test.setTimeout(120_000);
    const errors = await spoofedLoginBurst(request, product.baseURL);
    expect(errors).toEqual(Array(30).fill("CredentialsSignin"));
  });
});
