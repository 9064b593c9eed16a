import { afterEach, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/log/logger";
import { normalizedStateSchema, PrinterFailure, type DriverEvents } from "@/lib/printers/types";
import { PrusaLinkApi } from "./api";
import type { HttpRequest, HttpResponse, PrusaLinkTransport, StreamResponse } from "./client";
import { TypedEmitter } from "./events";
import { PollCoordinator } from "./poller";
import { PrusaLinkStateReader } from "./snapshot";
import { fixture } from "@/testing/printers/prusalink/fixtures";

/** Deterministic PRNG (mulberry32) so a failing seed can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const strangeValues: unknown[] = [null, 0, -1, 1e308, -1e308, 6700, 0.5, "", "x".repeat(500), "PRINTING", true, false, [], {}, [1, "a"], { id: "7" }];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

/** Randomly deletes keys and swaps values for ones of other types, at any depth. */
function mutate(value: unknown, rand: () => number, depth = 0): unknown {
  if (rand() < 0.08) return pick(rand, strangeValues);
  if (Array.isArray(value)) return value.filter(() => rand() > 0.1).map((v) => mutate(v, rand, depth + 1));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (rand() < 0.1) continue;
      out[k] = mutate(v, rand, depth + 1);
    }
    if (rand() < 0.05) out[`extra${depth}`] = pick(rand, strangeValues);
    return out;
  }
  return value;
}

const sources: Record<string, string[]> = {
  "/api/version": ["buddy-version.json", "pi-version.json"],
  "/api/v1/info": ["buddy-v1-info.json", "pi-v1-info.json", "ha-buddy-v1-info-xl.json"],
  "/api/v1/status": [
    "buddy-v1-status.json",
    "coreone-v1-status-printing.json",
    "buddy-v1-status-printing-issue1001.json",
    "pi-v1-status.json",
    "ha-buddy-v1-status-printing.json",
  ],
  "/api/v1/job": ["buddy-v1-job.json", "pi-v1-job.json", "ha-buddy-v1-job-printing.json"],
  "/api/printer": ["buddy-printer.json", "pi-printer.json"],
  "/api/job": ["buddy-job.json", "pi-job.json"],
};

/** Answers every request with a mangled recorded payload, random bytes, or a cut-off body. */
class FuzzTransport implements PrusaLinkTransport {
  requests = 0;
  constructor(
    private readonly rand: () => number,
    /** Firmware without the v1 API: exercises the legacy endpoints. */
    private readonly legacy = false,
  ) {}

  async send(req: HttpRequest): Promise<HttpResponse> {
    this.requests += 1;
    if (this.legacy && req.path.startsWith("/api/v1/")) return { status: 404, headers: {}, body: Buffer.alloc(0) };
    const names = sources[req.path];
    const roll = this.rand();
    let body: Buffer;
    if (!names || roll < 0.05) body = Buffer.from(Array.from({ length: Math.floor(this.rand() * 64) }, () => Math.floor(this.rand() * 256)));
    else {
      const text = JSON.stringify(mutate(fixture(pick(this.rand, names)), this.rand));
      body = Buffer.from(roll < 0.12 ? text.slice(0, Math.floor(text.length * this.rand())) : text);
    }
    const status = req.path === "/api/v1/job" && roll > 0.9 ? 204 : 200;
    return { status, headers: {}, body: status === 204 ? Buffer.alloc(0) : body };
  }

  stream<T>(_req: unknown, _consume: (res: StreamResponse) => Promise<T>): Promise<T> {
    return Promise.reject(new Error("not used by polling"));
  }

  async close(): Promise<void> {}
}

afterEach(() => {
  vi.useRealTimers();
});

describe("mutated and random bodies", () => {
  it.each([
    [1, false],
    [2, false],
    [3, true],
    [4, true],
  ])("seed %i (legacy %s): every read is a valid state or a protocol PrinterFailure", async (seed, legacy) => {
    const rand = prng(seed);
    const api = new PrusaLinkApi(new FuzzTransport(rand, legacy));
    const reader = new PrusaLinkStateReader(api);
    let ok = 0;
    let failed = 0;
    for (let i = 0; i < 400; i++) {
      if (i % 25 === 0) reader.reset();
      try {
        const { state } = await reader.read();
        expect(normalizedStateSchema.safeParse(state).success).toBe(true);
        ok += 1;
      } catch (err) {
        expect(err).toBeInstanceOf(PrinterFailure);
        expect(err instanceof PrinterFailure && [err.stage, err.kind]).toEqual(["protocol", "temporary"]);
        failed += 1;
      }
    }
    expect(ok).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);
    expect(api.generation).toBe(legacy ? "legacy" : "v1");
  });

  it("never throws out of the poller, which keeps polling and reports invalid payloads", async () => {
    vi.useFakeTimers({ now: 0 });
    const transport = new FuzzTransport(prng(42));
    const log = logger("prusalink-fuzz");
    const events = new TypedEmitter<DriverEvents>(log);
    const invalid: string[] = [];
    const stages = new Set<string>();
    events.on("invalidPayload", (reason) => invalid.push(reason));
    events.on("connection", (_online, f) => f && stages.add(f.stage));
    const coordinator = new PollCoordinator(new PrusaLinkStateReader(new PrusaLinkApi(transport)), events, log, { random: () => 0.5 });
    coordinator.start();
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    await coordinator.stop();
    expect(transport.requests).toBeGreaterThan(300);
    expect(invalid.length).toBeGreaterThan(10);
    expect([...stages].every((s) => s === "protocol")).toBe(true);
    expect(coordinator.stats().halted).toBe(false);
  });
});
