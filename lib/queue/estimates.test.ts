import { describe, expect, it } from "vitest";
import { estimateQueue, freeAtOf } from "./estimates";

const now = new Date("2026-12-07T10:00:00.000Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe("queue estimates", () => {
  it("puts items in order on the allowed printer that is free first, one after the other", () => {
    const estimates = estimateQueue(
      [
        { id: "a", freeAt: at(30) },
        { id: "b", freeAt: now },
      ],
      [
        { id: "1", candidates: ["a", "b"], printSeconds: 3600 },
        { id: "2", candidates: ["a", "b"], printSeconds: 600 },
        { id: "3", candidates: ["a"], printSeconds: 600 },
        { id: "4", candidates: ["b"], printSeconds: null },
        { id: "5", candidates: ["b"], printSeconds: 60 },
      ],
    );
    expect(estimates.get("1")).toEqual({ start: now, finish: at(60) });
    expect(estimates.get("2")).toEqual({ start: at(30), finish: at(40) });
    expect(estimates.get("3")).toEqual({ start: at(40), finish: at(50) });
    expect(estimates.get("4")).toEqual({ start: at(60), finish: null });
    // After an item of unknown length its printer has no known free time.
    expect(estimates.get("5")).toEqual({ start: null, finish: null });
  });

  it("gives an item no printer can take no estimate", () => {
    expect(estimateQueue([{ id: "a", freeAt: now }], [{ id: "1", candidates: [], printSeconds: 60 }]).get("1")).toEqual({ start: null, finish: null });
  });

  it("frees a printing printer after its remaining time, or from progress and elapsed time", () => {
    expect(freeAtOf(now, { printing: false, remainingSeconds: 500, progress: null, elapsedSeconds: null })).toEqual(now);
    expect(freeAtOf(now, { printing: true, remainingSeconds: 600, progress: 10, elapsedSeconds: 60 })).toEqual(at(10));
    expect(freeAtOf(now, { printing: true, remainingSeconds: null, progress: 25, elapsedSeconds: 600 })).toEqual(at(30));
  });
});
