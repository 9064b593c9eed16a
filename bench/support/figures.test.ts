import { describe, expect, it } from "vitest";
import { FIGURE_MARKER, figuresIn } from "./figures";

describe("figuresIn", () => {
  it("reads the marked figures of a benchmark and nothing else when it marks them", () => {
    const output = ["bench/x.ts on Node v24", `${FIGURE_MARKER}{"name":"worker CPU","value":17.8,"unit":"% of one core"}`, "window: 40 s", `${FIGURE_MARKER}{"name":"p95","value":"12 / 13","unit":"ms"}`].join("\n");
    expect(figuresIn(output)).toEqual([
      { name: "worker CPU", value: 17.8, unit: "% of one core" },
      { name: "p95", value: "12 / 13", unit: "ms" },
    ]);
  });

  it("keeps a malformed marked line as text instead of failing the whole run", () => {
    expect(figuresIn(`${FIGURE_MARKER}{"name":"p95","value":null}`)).toEqual([{ name: "(unreadable figure)", value: '{"name":"p95","value":null}', unit: "" }]);
  });

  it("takes every `label: value` line of a benchmark that prints plain lines", () => {
    expect(figuresIn("started 5 printers\nbackup: 0.80 s\n  restore: 1.2 s\nhttps://example.com")).toEqual([
      { name: "backup", value: "0.80 s", unit: "" },
      { name: "restore", value: "1.2 s", unit: "" },
    ]);
  });
});
