import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "printernizer-log-dest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Logs one line in a fresh process with the given environment; returns what it printed. */
function logOnce(env: Record<string, string>): { stdout: string; stderr: string } {
  const script = `import { logger } from "@/lib/log/logger"; logger("sim").info({ printerId: "p1" }, "hello");`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, LOG_LEVEL: "info", NODE_ENV: "production", LOG_DEST: "", LOG_FILE: "", ...env },
    encoding: "utf8",
  });
  expect(run.status).toBe(0);
  return { stdout: run.stdout, stderr: run.stderr };
}

function parsed(text: string): Record<string, unknown> {
  return JSON.parse(text.trim()) as Record<string, unknown>;
}

describe("LOG_DEST", () => {
  it("writes to stdout by default", () => {
    const { stdout, stderr } = logOnce({});
    expect(parsed(stdout)).toMatchObject({ module: "sim", printerId: "p1", msg: "hello" });
    expect(stderr).toBe("");
  });

  it("stderr keeps stdout free for a program's own output", () => {
    const { stdout, stderr } = logOnce({ LOG_DEST: "stderr" });
    expect(stdout).toBe("");
    expect(parsed(stderr)).toMatchObject({ module: "sim", msg: "hello" });
  });

  it("a path appends to that file, creating its folder, and prints nothing", () => {
    const file = path.join(dir, "logs", "sim.log");
    expect(logOnce({ LOG_DEST: file })).toEqual({ stdout: "", stderr: "" });
    logOnce({ LOG_DEST: file });
    const lines = readFileSync(file, "utf8").trim().split("\n").map(parsed);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ module: "sim", msg: "hello" });
  });

  it("with LOG_FILE as well, both get every line", () => {
    const file = path.join(dir, "both", "app-{role}.log");
    const { stderr } = logOnce({ LOG_DEST: "stderr", LOG_FILE: file });
    expect(parsed(stderr)).toMatchObject({ msg: "hello" });
    expect(parsed(readFileSync(path.join(dir, "both", "app-web.log"), "utf8"))).toMatchObject({ msg: "hello" });
  });
});
