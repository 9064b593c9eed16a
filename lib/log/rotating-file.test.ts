import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseAge, parseSize, RotatingFile } from "./rotating-file";

const dir = mkdtempSync(path.join(tmpdir(), "printernizer-log-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("RotatingFile", () => {
  it("rotates by size and keeps only maxFiles old files", () => {
    const file = path.join(dir, "size", "app.log");
    const out = new RotatingFile({ file, maxBytes: 100, maxAgeMs: 86_400_000, maxFiles: 2 });
    for (let i = 0; i < 10; i++) out.write(`${JSON.stringify({ i, pad: "x".repeat(30) })}\n`);
    out.close();
    expect(readdirSync(path.dirname(file)).sort()).toEqual(["app.log", "app.log.1", "app.log.2"]);
    const lines = ["app.log.2", "app.log.1", "app.log"].flatMap((name) => readFileSync(path.join(path.dirname(file), name), "utf8").trim().split("\n"));
    expect(lines.map((line) => (JSON.parse(line) as { i: number }).i)).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it("rotates by age", () => {
    let now = 1_000_000;
    const file = path.join(dir, "age", "app.log");
    const out = new RotatingFile({ file, maxBytes: 1 << 20, maxAgeMs: 60_000, maxFiles: 3, now: () => now });
    out.write("a\n");
    now += 59_000;
    out.write("b\n");
    now += 2_000;
    out.write("c\n");
    out.close();
    expect(readFileSync(`${file}.1`, "utf8")).toBe("a\nb\n");
    expect(readFileSync(file, "utf8")).toBe("c\n");
  });

  it("parses sizes and ages", () => {
    expect(parseSize("10m")).toBe(10 * 1024 * 1024);
    expect(parseSize("512k")).toBe(524_288);
    expect(parseSize("2048")).toBe(2048);
    expect(parseAge("7d")).toBe(7 * 86_400_000);
    expect(() => parseSize("ten")).toThrow();
    expect(() => parseAge("1w")).toThrow();
  });

  it("the logger writes JSON lines with bindings to LOG_FILE with {role} filled in", () => {
    const pattern = path.join(dir, "logger", "printernizer-{role}.log");
    const script = `import { logger } from "@/lib/log/logger"; logger("api", { requestId: "req-1" }).info({ printerId: "p1", token: "secret" }, "hello");`;
    execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, LOG_FILE: pattern, LOG_LEVEL: "info", NODE_ENV: "production" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const line = JSON.parse(readFileSync(path.join(dir, "logger", "printernizer-web.log"), "utf8").trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ module: "api", requestId: "req-1", printerId: "p1", token: "[redacted]", msg: "hello", level: 30 });
  });
});
