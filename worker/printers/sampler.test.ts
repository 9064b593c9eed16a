import { describe, expect, it } from "vitest";
import { emptyState, type NormalizedState } from "@/lib/printers/types";
import { dueForSample, type SamplerMemory } from "./sampler";

const opts = { printingMs: 10_000, idleMs: 60_000 };
const idle: NormalizedState = { ...emptyState(), online: true, state: "idle" };
const printing: NormalizedState = { ...idle, state: "printing" };

/** Feeds one state per second for `seconds` and counts the samples taken. */
function run(memory: SamplerMemory, state: NormalizedState, from: number, seconds: number): number {
  let samples = 0;
  for (let t = from; t < from + seconds * 1000; t += 1000) {
    if (dueForSample(memory, state, t, opts)) {
      memory.lastAt = t;
      memory.lastBusy = state.state !== "idle";
      samples += 1;
    }
  }
  return samples;
}

describe("temperature downsampling", () => {
  it("takes one sample per 10 s while printing and one per minute while idle", () => {
    const memory: SamplerMemory = { lastAt: null, lastBusy: null };
    expect(run(memory, printing, 0, 60)).toBe(6);
    expect(run(memory, idle, 60_000, 300)).toBe(5);
  });

  it("samples at once when printing starts or stops", () => {
    const memory: SamplerMemory = { lastAt: 0, lastBusy: false };
    expect(dueForSample(memory, printing, 1000, opts)).toBe(true);
    expect(dueForSample({ lastAt: 0, lastBusy: true }, idle, 1000, opts)).toBe(true);
  });

  it("takes none while offline", () => {
    expect(dueForSample({ lastAt: null, lastBusy: null }, { ...printing, online: false, state: "offline" }, 0, opts)).toBe(false);
  });
});
