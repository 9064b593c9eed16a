import { describe, expect, it } from "vitest";
import { clampToNow, workerCondition } from "./worker-condition";

const now = new Date("2026-12-07T10:00:00Z");
const staleMs = 60_000;

describe("workerCondition", () => {
  it("reads never when no heartbeat was ever written", () => {
    expect(workerCondition({ heartbeatAt: null, runningSince: null, released: false }, now, staleMs)).toEqual({ name: "never", since: null });
  });

  it("reads running since the worker started while the heartbeat is fresh", () => {
    const c = workerCondition({ heartbeatAt: "2026-12-07T09:59:30Z", runningSince: "2026-12-07T08:00:00Z", released: false }, now, staleMs);
    expect(c.name).toBe("running");
    expect(c.since?.toISOString()).toBe("2026-12-07T08:00:00.000Z");
  });

  it("reads not reachable since the last heartbeat once it is older than the limit", () => {
    const c = workerCondition({ heartbeatAt: "2026-12-07T09:58:00Z", runningSince: "2026-12-07T08:00:00Z", released: false }, now, staleMs);
    expect(c).toEqual({ name: "unreachable", since: new Date("2026-12-07T09:58:00Z") });
  });

  it("reads standby after a clean shutdown, even while the heartbeat is recent", () => {
    const c = workerCondition({ heartbeatAt: "2026-12-07T09:59:50Z", runningSince: "2026-12-07T08:00:00Z", released: true }, now, staleMs);
    expect(c).toEqual({ name: "standby", since: new Date("2026-12-07T09:59:50Z") });
  });

  it("counts a heartbeat from a clock slightly ahead as fresh", () => {
    expect(workerCondition({ heartbeatAt: "2026-12-07T10:00:01Z", runningSince: null, released: false }, now, staleMs).name).toBe("running");
  });
});

describe("clampToNow", () => {
  it("moves an instant in the future back to now", () => {
    expect(clampToNow(new Date("2026-12-07T10:00:01Z"), now)).toEqual(now);
  });

  it("keeps a past instant", () => {
    const past = new Date("2026-12-07T09:00:00Z");
    expect(clampToNow(past, now)).toBe(past);
  });
});
