import { describe, expect, it } from "vitest";
import { slowBoardSchema } from "./options";
import { SlowBoard } from "./slow-board";

describe("SlowBoard", () => {
  it("replays the same decisions for the same seed", () => {
    const settings = slowBoardSchema.parse({ latencyMs: 100, errorRate: 0.3, dropRate: 0.2, seed: 7 });
    const a = new SlowBoard(settings);
    const b = new SlowBoard(settings);
    const first = Array.from({ length: 50 }, () => a.decide());
    expect(Array.from({ length: 50 }, () => b.decide())).toEqual(first);
    const actions = new Set(first.map((d) => d.action));
    expect(actions).toEqual(new Set(["drop", "error", "serve"]));
    for (const d of first) if (d.action !== "drop") expect(d.delayMs).toBeGreaterThanOrEqual(50);
  });

  it("serves everything at once when switched off", () => {
    const board = new SlowBoard(null);
    expect(board.decide()).toEqual({ action: "serve", delayMs: 0 });
  });
});
