import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { apiError, validationError } from "@/lib/api/errors";
import { ApiClientError } from "./api-error";
import { apiFetch } from "./api-fetch";

afterEach(() => vi.unstubAllGlobals());

function answer(response: Response) {
  const fetchMock = vi.fn(async () => response);
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

async function refusal(promise: Promise<unknown>): Promise<ApiClientError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiClientError)) throw new Error(`expected an ApiClientError, got ${String(error)}`);
  return error;
}

describe("apiFetch", () => {
  it("sends JSON with the session cookie and parses the answer with the schema", async () => {
    const fetchMock = answer(Response.json({ n: 1 }));
    await expect(apiFetch("/api/x", z.object({ n: z.number() }), { method: "POST", body: { a: 1 } })).resolves.toEqual({ n: 1 });
    expect(fetchMock).toHaveBeenCalledWith("/api/x", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ a: 1 }),
      credentials: "same-origin",
    });
  });

  it("reads the server's error body: code, message and the invalid fields", async () => {
    const schema = z.object({ host: z.string(), port: z.number() });
    const parsed = schema.safeParse({ host: 1, port: "x" });
    if (parsed.success) throw new Error("the input must be invalid");
    answer(validationError(parsed.error).toResponse());
    const error = await refusal(apiFetch("/api/printers", z.unknown(), { method: "POST", body: {} }));
    expect(error.status).toBe(422);
    expect(error.code).toBe("validation_failed");
    expect(error.fields).toEqual({ host: "invalid_type", port: "invalid_type" });
  });

  it("keeps the code of a refusal without details", async () => {
    answer(apiError("printer_busy").toResponse());
    const error = await refusal(apiFetch("/api/printers/p1/commands", z.unknown(), { method: "POST" }));
    expect([error.status, error.code, error.fields]).toEqual([409, "printer_busy", {}]);
    expect(error.message).toBe(apiError("printer_busy").message);
  });

  it("names a refusal without an error body by its status class, and a failed request 'network'", async () => {
    answer(new Response("<html>", { status: 502, statusText: "Bad Gateway" }));
    expect((await refusal(apiFetch("/api/x", z.unknown()))).code).toBe("internal");
    answer(new Response("nope", { status: 404 }));
    expect((await refusal(apiFetch("/api/x", z.unknown()))).code).toBe("bad_request");
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("offline"))));
    const error = await refusal(apiFetch("/api/x", z.unknown()));
    expect([error.status, error.code]).toEqual([0, "network"]);
  });
});
