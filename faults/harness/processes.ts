import { spawn, type ChildProcess } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import path from "node:path";
import type { FaultContext } from "./scenario";

export const root = path.resolve(import.meta.dirname, "../..");

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The environment every product process of a scenario gets: its database and data folder, quick timings. */
export function productEnv(ctx: FaultContext, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PRINTERNIZER_WORKER_PORT: "0",
    PRINTERNIZER_PRINTER_RECONCILE_MS: "500",
    LOG_LEVEL: "warn",
    ...extra,
  };
}

function logFile(ctx: FaultContext, name: string): number {
  return openSync(path.join(ctx.dir, `${name}.log`), "a");
}

/** A real worker process (worker/main.ts), as `npm run start:worker` starts it. */
export function spawnWorker(ctx: FaultContext, env: Record<string, string> = {}, name = "worker"): ChildProcess {
  const log = logFile(ctx, name);
  return ctx.track(
    spawn(process.execPath, ["--liftoff-only", "--import", "tsx", "worker/main.ts"], { cwd: root, env: productEnv(ctx, env), stdio: ["ignore", log, log] }),
  );
}

/** The launcher (`npm start`) running only the worker, with its restart rule. */
export function spawnLauncher(ctx: FaultContext, only: "worker" | "web", env: Record<string, string> = {}, args: string[] = []): ChildProcess {
  const log = logFile(ctx, `launcher-${only}`);
  return ctx.track(
    spawn(process.execPath, ["scripts/start.mjs", "--only", only, ...args], { cwd: root, env: productEnv(ctx, env), stdio: ["ignore", log, log] }),
  );
}

/** The web process (scripts/web-server.mjs in front of the production build). */
export function spawnWeb(ctx: FaultContext, port: number, env: Record<string, string> = {}, name = "web"): ChildProcess {
  const log = logFile(ctx, name);
  return ctx.track(
    spawn(process.execPath, ["--liftoff-only", "scripts/web-server.mjs", "--port", String(port)], { cwd: root, env: productEnv(ctx, env), stdio: ["ignore", log, log] }),
  );
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited(child);
  clearTimeout(timer);
}

/** The pids of a process's children (the launcher's worker). */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every 200 ms until stopped; returns the peak in MB. */
export function rssPeak(pid: number): { stop(): number } {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid));
    },
  };
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
