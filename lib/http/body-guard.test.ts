import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MAX_BODY_BYTES } from "@/lib/api/handler";
import { apiRoutes } from "@/lib/catalog/routes";
import englishErrors from "@/messages/en/errors.json";
import { bodyCapFor, guardBody, PAYLOAD_TOO_LARGE_MESSAGE, REQUEST_BODY_MAX_BYTES } from "./body-guard";

const MB = 1024 * 1024;

/** What the application behind the guard received, per request path. */
const received = new Map<string, number>();
let base = "";
let server: http.Server;

// The guard in front of a stand-in for Next: it reads the whole body, as Next's proxy does.
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (!guardBody(req, res, bodyCapFor(req.method ?? "GET", req.url ?? "/"))) return;
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      received.set(req.url ?? "", size);
    });
    req.on("end", () => {
      received.set(req.url ?? "", size);
      res.end(JSON.stringify({ size }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Answer {
  status: number | null;
  sent: number;
  body: string;
}

/** Streams `total` bytes (chunked unless a Content-Length is given) and stops at the answer. */
function send(method: string, path: string, total: number, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve) => {
    let sent = 0;
    let settled = false;
    const finish = (status: number | null, body = "") => {
      if (settled) return;
      settled = true;
      req.destroy();
      resolve({ status, sent, body });
    };
    const req = http.request(`${base}${path}`, { method, headers });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (text: string) => (body += text));
      res.on("end", () => finish(res.statusCode ?? null, body));
      res.on("error", () => finish(res.statusCode ?? null, body));
    });
    req.on("error", () => finish(null));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (!settled && sent < total) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += part.length;
        if (!req.write(part)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!settled) req.end();
    };
    pump();
  });
}

describe("guardBody in front of the application", () => {
  it("answers a 64 MB chunked body with 413 and passes on no more than the cap", async () => {
    const answer = await send("POST", "/api/auth/callback/credentials", 64 * MB, { "transfer-encoding": "chunked" });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: "payload_too_large", message: PAYLOAD_TOO_LARGE_MESSAGE, details: { maxBytes: REQUEST_BODY_MAX_BYTES } } });
    expect(received.get("/api/auth/callback/credentials")).toBeLessThanOrEqual(REQUEST_BODY_MAX_BYTES);
    // The cap plus socket and stream buffers, far from the 64 MB offered.
    expect(answer.sent).toBeLessThan(16 * MB);
  });

  it("answers a declared 1 GB Content-Length with 413 before the application reads anything", async () => {
    const answer = await send("POST", "/api/setup", 256 * 1024, { "content-length": String(1024 * MB) });
    expect(answer.status).toBe(413);
    expect(received.has("/api/setup")).toBe(false);
  });

  it("caps a GET with a body like any other request", async () => {
    const answer = await send("GET", "/api/auth/session", 8 * MB, { "transfer-encoding": "chunked" });
    expect(answer.status).toBe(413);
    expect(received.get("/api/auth/session") ?? 0).toBeLessThanOrEqual(REQUEST_BODY_MAX_BYTES);
  });

  it("passes bodies up to the cap on, chunked or declared, and keeps serving after a refusal", async () => {
    const chunked = await send("POST", "/api/printers", REQUEST_BODY_MAX_BYTES, { "transfer-encoding": "chunked" });
    expect(chunked.status).toBe(200);
    expect(JSON.parse(chunked.body)).toEqual({ size: REQUEST_BODY_MAX_BYTES });
    const declared = await send("PATCH", "/api/settings", 1000, { "content-length": "1000" });
    expect(JSON.parse(declared.body)).toEqual({ size: 1000 });
  });

  it("lets the streamed library upload through beyond the cap (its handler caps it)", async () => {
    const answer = await send("POST", "/api/files?folder=x", 3 * MB, { "transfer-encoding": "chunked" });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ size: 3 * MB });
  });
});

describe("bodyCapFor", () => {
  it("leaves only streamed routes uncapped and caps no route below its own limit", () => {
    for (const spec of apiRoutes) {
      const cap = bodyCapFor(spec.openapi.method, spec.openapi.path);
      if (spec.streamedBody) expect(cap, `${spec.openapi.method} ${spec.openapi.path}`).toBeNull();
      else expect(cap, `${spec.openapi.method} ${spec.openapi.path}`).toBeGreaterThanOrEqual(spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    }
    expect(bodyCapFor("GET", "/api/files")).toBe(REQUEST_BODY_MAX_BYTES);
    expect(bodyCapFor("POST", "/de/login")).toBe(REQUEST_BODY_MAX_BYTES);
  });

  it("answers with the English text of the error catalogue", () => {
    expect(PAYLOAD_TOO_LARGE_MESSAGE).toBe(englishErrors.payload_too_large);
  });
});
