import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/log/logger";
import { emptyState, PrinterFailure, type DriverEvents, type NormalizedState, type PrinterStateName } from "@/lib/printers/types";
import { TypedEmitter } from "./events";
import { PollCoordinator, type PollOptions } from "./poller";
import type { ReadResult, StateReader } from "./snapshot";

type Outcome = { state: PrinterStateName } | { fail: PrinterFailure } | { throw: unknown } | { takesMs: number; state: PrinterStateName };

function printer(state: PrinterStateName): NormalizedState {
  return { ...emptyState(), online: true, state };
}

/** A reader whose answers the test scripts; it records when each read started. */
class ScriptedReader implements StateReader {
  readonly startedAt: number[] = [];
  active = 0;
  maxActive = 0;
  resets = 0;
  private pending: ((o: Outcome) => void) | null = null;

  constructor(public next: () => Outcome | "wait") {}

  read(): Promise<ReadResult> {
    this.startedAt.push(Date.now());
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    return new Promise<Outcome>((resolve) => {
      const outcome = this.next();
      if (outcome === "wait") this.pending = resolve;
      else resolve(outcome);
    })
      .then(async (o) => {
        if ("takesMs" in o) await new Promise((r) => setTimeout(r, o.takesMs));
        if ("fail" in o) throw o.fail;
        if ("throw" in o) throw o.throw;
        return { state: printer(o.state), raw: { s: o.state }, boardMs: "takesMs" in o ? o.takesMs : 0 };
      })
      .finally(() => {
        this.active -= 1;
      });
  }

  answer(o: Outcome): void {
    const p = this.pending;
    this.pending = null;
    p?.(o);
  }

  reset(): void {
    this.resets += 1;
  }

  gaps(): number[] {
    return this.startedAt.slice(1).map((t, i) => t - this.startedAt[i]);
  }
}

/** Stops the coordinator, letting a read that is still running finish on the fake clock. */
async function shutdown(coordinator: PollCoordinator, reader: ScriptedReader): Promise<void> {
  const stopped = coordinator.stop();
  reader.answer({ state: "idle" });
  await vi.advanceTimersByTimeAsync(10_000);
  await stopped;
}

const temporary = () => new PrinterFailure("temporary", "tcp", "prusalink.unreachable");

function setup(reader: ScriptedReader, options: Partial<PollOptions> = {}) {
  const log = logger("prusalink-test");
  const events = new TypedEmitter<DriverEvents>(log);
  const connection: [boolean, string | undefined][] = [];
  const states: string[] = [];
  const invalid: string[] = [];
  events.on("connection", (online, f) => connection.push([online, f?.kind]));
  events.on("state", (s) => states.push(s.state));
  events.on("invalidPayload", (r) => invalid.push(r));
  const coordinator = new PollCoordinator(reader, events, log, { random: () => 1, ...options });
  return { coordinator, connection, states, invalid, log, events };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("poll scheduling", () => {
  it("schedules the next poll only after the current one has finished", async () => {
    const reader = new ScriptedReader(() => "wait");
    const { coordinator } = setup(reader);
    coordinator.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(reader.startedAt).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(reader.startedAt).toHaveLength(1);
    reader.answer({ state: "idle" });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(reader.startedAt).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(reader.startedAt).toHaveLength(2);
    expect(reader.maxActive).toBe(1);
    await shutdown(coordinator, reader);
  });

  it("polls every 30 s idle and every 5 s while printing", async () => {
    let state: PrinterStateName = "idle";
    const reader = new ScriptedReader(() => ({ state }));
    const { coordinator } = setup(reader);
    coordinator.start();
    await vi.advanceTimersByTimeAsync(60_000);
    state = "printing";
    await vi.advanceTimersByTimeAsync(30_000);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(reader.gaps()).toEqual([30_000, 30_000, 30_000, 5_000, 5_000, 5_000, 5_000]);
    await shutdown(coordinator, reader);
  });

  it("polls fast for 30 s after a command, then gently again", async () => {
    const reader = new ScriptedReader(() => ({ state: "idle" }));
    const { coordinator } = setup(reader);
    coordinator.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reader.startedAt).toHaveLength(1);
    coordinator.expectChange();
    await vi.advanceTimersByTimeAsync(70_000);
    const gaps = reader.gaps();
    expect(gaps[0]).toBe(12_000);
    expect(gaps.slice(1, 15)).toEqual(Array(14).fill(2_000));
    expect(gaps.slice(15)).toEqual([30_000]);
    await shutdown(coordinator, reader);
  });

  it("a command during a running poll does not start a second one", async () => {
    const reader = new ScriptedReader(() => "wait");
    const { coordinator } = setup(reader);
    coordinator.start();
    await vi.advanceTimersByTimeAsync(0);
    coordinator.expectChange();
    coordinator.pollWithin(0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reader.startedAt).toHaveLength(1);
    reader.answer({ state: "printing" });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(reader.startedAt).toHaveLength(2);
    expect(reader.maxActive).toBe(1);
    await shutdown(coordinator, reader);
  });

  it("gives a slow board more rest: at most 20 % of its time goes to our polls", async () => {
    const reader = new ScriptedReader(() => ({ state: "printing", takesMs: 3_000 }));
    const { coordinator } = setup(reader);
    coordinator.start();
    await vi.advanceTimersByTimeAsync(60_000);
    // 3 s poll + 12 s rest instead of the 5 s printing interval.
    expect(reader.gaps().slice(0, 3)).toEqual([15_000, 15_000, 15_000]);
    await shutdown(coordinator, reader);
  });
});

describe("failures", () => {
  it("backs off exponentially with jitter up to the cap", async () => {
    const reader = new ScriptedReader(() => ({ fail: temporary() }));
    const { coordinator } = setup(reader, { random: () => 1 });
    coordinator.start();
    await vi.advanceTimersByTimeAsync(1_000_000);
    expect(reader.gaps().slice(0, 8)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 120_000, 120_000, 120_000]);
    await shutdown(coordinator, reader);

    const low = new ScriptedReader(() => ({ fail: temporary() }));
    const second = setup(low, { random: () => 0 });
    second.coordinator.start();
    await vi.advanceTimersByTimeAsync(1_000_000);
    expect(low.gaps().slice(0, 7)).toEqual([2_500, 5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
    expect(Math.max(...low.gaps())).toBeLessThanOrEqual(120_000);
    await shutdown(second.coordinator, low);
  });

  it("goes offline after 3 failures, once; comes back once", async () => {
    let fail = true;
    const reader = new ScriptedReader(() => (fail ? { fail: temporary() } : { state: "idle" }));
    const { coordinator, connection, states, log } = setup(reader);
    const warn = vi.spyOn(log, "warn");
    const info = vi.spyOn(log, "info");
    coordinator.start();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(reader.startedAt).toHaveLength(3);
    expect(connection).toEqual([[false, "temporary"]]);
    expect(states).toEqual(["offline"]);
    expect(coordinator.current().online).toBe(false);
    await vi.advanceTimersByTimeAsync(500_000);
    expect(connection).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    fail = false;
    await vi.advanceTimersByTimeAsync(200_000);
    expect(connection).toEqual([
      [false, "temporary"],
      [true, undefined],
    ]);
    expect(info).toHaveBeenCalledTimes(1);
    expect(states).toEqual(["offline", "idle"]);
    expect(reader.resets).toBe(1);
    await shutdown(coordinator, reader);
  });

  it("a printer that was never reached is reported offline, not stale", async () => {
    const reader = new ScriptedReader(() => ({ fail: temporary() }));
    const { coordinator, connection } = setup(reader);
    coordinator.start();
    await vi.advanceTimersByTimeAsync(100_000);
    expect(connection).toEqual([[false, "temporary"]]);
    await shutdown(coordinator, reader);
  });

  it("an auth failure stops polling at once", async () => {
    const reader = new ScriptedReader(() => ({ fail: new PrinterFailure("auth", "auth", "prusalink.auth") }));
    const { coordinator, connection } = setup(reader);
    coordinator.start();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(reader.startedAt).toHaveLength(1);
    expect(connection).toEqual([[false, "auth"]]);
    expect(coordinator.stats().halted).toBe(true);
    await shutdown(coordinator, reader);
  });

  it("reports again when an outage turns into an auth failure", async () => {
    let n = 0;
    const reader = new ScriptedReader(() => (++n <= 4 ? { fail: temporary() } : { fail: new PrinterFailure("auth", "auth", "prusalink.auth") }));
    const { coordinator, connection, states } = setup(reader);
    coordinator.start();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(connection).toEqual([
      [false, "temporary"],
      [false, "auth"],
    ]);
    expect(states).toEqual(["offline"]);
    expect(reader.startedAt).toHaveLength(5);
    await shutdown(coordinator, reader);
  });

  it("survives bugs: a throwing reader and a throwing listener do not stop the loop", async () => {
    let n = 0;
    const reader = new ScriptedReader(() => (++n % 2 === 0 ? { throw: new TypeError("boom") } : { state: n % 3 === 0 ? "printing" : "idle" }));
    const { coordinator, events, invalid } = setup(reader);
    events.on("state", () => {
      throw new Error("listener bug");
    });
    coordinator.start();
    await vi.advanceTimersByTimeAsync(300_000);
    expect(reader.startedAt.length).toBeGreaterThan(10);
    expect(invalid.length).toBeGreaterThan(0);
    await shutdown(coordinator, reader);
  });

  it("stop: nothing is polled or emitted afterwards", async () => {
    const reader = new ScriptedReader(() => "wait");
    const { coordinator, states, connection } = setup(reader);
    coordinator.start();
    await vi.advanceTimersByTimeAsync(0);
    const stopped = coordinator.stop();
    reader.answer({ state: "printing" });
    await stopped;
    await vi.advanceTimersByTimeAsync(600_000);
    expect(reader.startedAt).toHaveLength(1);
    expect(states).toEqual([]);
    expect(connection).toEqual([]);
  });
});
