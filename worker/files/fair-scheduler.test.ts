import { describe, expect, it } from "vitest";
import { FairScheduler, type Queued } from "./fair-scheduler";

function queue(spec: Record<string, number>): Queued[] {
  const out: Queued[] = [];
  for (const [printerId, n] of Object.entries(spec)) for (let i = 0; i < n; i++) out.push({ id: `${printerId}-${i}`, printerId });
  return out;
}

describe("FairScheduler", () => {
  it("starts at most one per printer and at most the total", () => {
    const s = new FairScheduler({ total: 5, perPrinter: 1 });
    const picked = s.pick(queue({ a: 10, b: 2, c: 1, d: 1, e: 1, f: 1, g: 1 }), new Map());
    expect(picked).toHaveLength(5);
    expect(new Set(picked.map((p) => p.printerId)).size).toBe(5);
  });

  it("does not start more for a printer that is busy", () => {
    const s = new FairScheduler({ total: 5, perPrinter: 1 });
    expect(s.pick(queue({ a: 3 }), new Map([["a", 1]]))).toEqual([]);
    expect(s.pick(queue({ a: 3, b: 1 }), new Map([["a", 1]])).map((p) => p.id)).toEqual(["b-0"]);
  });

  it("allows two per printer when configured, interleaving printers", () => {
    const s = new FairScheduler({ total: 4, perPrinter: 2 });
    expect(s.pick(queue({ a: 5, b: 5 }), new Map()).map((p) => p.id)).toEqual(["a-0", "b-0", "a-1", "b-1"]);
  });

  it("takes turns: the printer served last goes to the back", () => {
    const s = new FairScheduler({ total: 1, perPrinter: 1 });
    const served: string[] = [];
    const remaining = queue({ a: 3, b: 3, c: 3 });
    for (let i = 0; i < 6; i++) {
      const [next] = s.pick(remaining, new Map());
      served.push(next.printerId);
      remaining.splice(remaining.indexOf(next), 1);
    }
    expect(served).toEqual(["a", "b", "c", "a", "b", "c"]);
  });

  it("keeps queue order within a printer", () => {
    const s = new FairScheduler({ total: 1, perPrinter: 1 });
    const q: Queued[] = [
      { id: "old", printerId: "a" },
      { id: "new", printerId: "a" },
    ];
    expect(s.pick(q, new Map())[0].id).toBe("old");
  });

  it("respects the total across already running downloads", () => {
    const s = new FairScheduler({ total: 2, perPrinter: 1 });
    expect(s.pick(queue({ c: 1, d: 1 }), new Map([["a", 1], ["b", 1]]))).toEqual([]);
  });
});
