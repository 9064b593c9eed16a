import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as nextAuthRoute from "@/app/api/auth/[...nextauth]/route";
import * as datevRoute from "@/app/api/reports/datev.csv/route";
import * as jobsCsvRoute from "@/app/api/reports/jobs.csv/route";
import * as usersRoute from "@/app/api/users/route";
import { createUser, type UserRecord } from "@/lib/auth/users";
import { useTempDatabase } from "@/testing/db/temp-database";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";

let cleanup: () => Promise<void>;
let admin: UserRecord;
let adminBrowser: Record<string, string>;

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  admin = await createUser({ email: "admin@example.com", name: "Admin", password: "admin password", role: "admin" }, { actor: { type: "system" } });
  adminBrowser = await browserHeaders(admin);
});
afterAll(() => cleanup());

/** A chunked body of `total` bytes without Content-Length; reports how much was pulled from it. */
function hugeBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const read = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (read.bytes >= total) return controller.close();
      read.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, read };
}

const codeOf = async (res: Response) => z.object({ error: z.object({ code: z.string() }) }).parse(await res.json()).error.code;

describe("request bodies", () => {
  it("a 64 MB chunked body to next-auth gets 413 after reading little more than the cap", async () => {
    const { stream, read } = hugeBody(64 * 1024 * 1024);
    const res = await call(
      nextAuthRoute.POST,
      testRequest("POST", "/api/auth/callback/credentials", { rawBody: stream, headers: { origin: "http://printernizer.test", "content-type": "application/x-www-form-urlencoded" } }),
      { nextauth: "callback/credentials" },
    );
    expect(res.status).toBe(413);
    expect(await codeOf(res)).toBe("payload_too_large");
    expect(read.bytes).toBeLessThan(2 * 1024 * 1024);
  });

  it("a 64 MB chunked JSON body to a signed-in route gets 413 the same way", async () => {
    const { stream, read } = hugeBody(64 * 1024 * 1024);
    const res = await call(usersRoute.POST, testRequest("POST", "/api/users", { rawBody: stream, headers: { ...adminBrowser, "content-type": "application/json" } }));
    expect(res.status).toBe(413);
    expect(read.bytes).toBeLessThan(2 * 1024 * 1024);
  });

  it("a declared oversized body is refused without reading any of it", async () => {
    const { stream, read } = hugeBody(64 * 1024 * 1024);
    const res = await call(
      nextAuthRoute.POST,
      testRequest("POST", "/api/auth/signout", { rawBody: stream, headers: { origin: "http://printernizer.test", "content-length": String(64 * 1024 * 1024) } }),
      { nextauth: "signout" },
    );
    expect(res.status).toBe(413);
    expect(read.bytes).toBeLessThanOrEqual(64 * 1024);
  });
});

describe("next-auth by the wrong method", () => {
  it("a GET of the credentials callback (a chunked GET body, which Next drops) is refused with 400, not next-auth's 500", async () => {
    const res = await call(nextAuthRoute.GET, testRequest("GET", "/api/auth/callback/credentials", { headers: { "transfer-encoding": "chunked", "content-type": "application/json" } }), {
      nextauth: "callback/credentials",
    });
    expect(res.status).toBe(400);
    expect(await codeOf(res)).toBe("bad_request");
  });
});

describe("export ranges", () => {
  it("answer 422 beyond 400 days and for a reversed range, 200 within", async () => {
    const get = (route: typeof datevRoute.GET, path: string, query: string) => call(route, testRequest("GET", `${path}?${query}`, { headers: adminBrowser }));
    const long = await get(datevRoute.GET, "/api/reports/datev.csv", "from=2024-01-01&to=2025-02-05");
    expect(long.status).toBe(422);
    expect(await codeOf(long)).toBe("validation_failed");
    expect((await get(jobsCsvRoute.GET, "/api/reports/jobs.csv", "from=2024-01-01&to=2025-02-05")).status).toBe(422);
    expect((await get(jobsCsvRoute.GET, "/api/reports/jobs.csv", "from=2025-02-01&to=2025-01-01")).status).toBe(422);
    expect((await get(jobsCsvRoute.GET, "/api/reports/jobs.csv", "from=2024-01-01&to=2025-02-03")).status).toBe(200);
  });
});
