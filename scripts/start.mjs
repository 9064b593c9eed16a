#!/usr/bin/env node
// Starts the web server and the worker as children of one process that forwards
// SIGTERM/SIGINT, so stopping `npm start` stops both cleanly (npm alone can orphan them).
// Both children run on this process's Node (process.execPath), which node-runtime.mjs
// has checked first. `--only worker` (or `--only web`) runs one of them under the same
// restart rule, for hosts that split the two.
import { nodeLabel } from "./node-runtime.mjs";
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };

function log(message) {
  process.stderr.write(`${JSON.stringify({ level: 30, time: new Date().toISOString(), module: "start", msg: message })}\n`);
}

log(`Printernizer: ${nodeLabel()}`);

const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : null;
if (only !== null && only !== "web" && only !== "worker") {
  log(`--only takes "web" or "worker", not ${JSON.stringify(only)}`);
  process.exit(2);
}
const wanted = only ? [only] : ["web", "worker"];

if (wanted.includes("web") && (!existsSync(path.join(root, ".next", "BUILD_ID")) || process.argv.includes("--build"))) {
  log("no production build found; building first");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? "3000";
// Prisma 7 runs its query compiler as WebAssembly; V8's optimizing tier for it costs about
// 50 MB per process and measured no faster for our queries, so both processes stay on Liftoff.
const v8Flags = ["--liftoff-only"];
// The worker turns over many small short-lived objects (a parsed payload per printer
// message); a 1 MB young generation keeps that garbage from inflating RSS: with 100
// printers 209 MB instead of about 300 MB, at no measurable CPU cost (bench/printers.ts).
const workerV8Flags = [...v8Flags, "--max-semi-space-size=1"];
const commands = {
  // Next behind scripts/web-server.mjs, which sets the forwarding headers from the socket.
  web: [...v8Flags, "scripts/web-server.mjs", "--port", port],
  worker: [...workerV8Flags, "--import", "tsx", "worker/main.ts"],
};
const RESTART_DELAY_MS = 2_000;

let stopping = false;
const children = new Map();

/**
 * A child that dies on its own is started again after a pause: a crashed worker must not
 * take the web down with it. A restarted worker takes the lease of its dead predecessor
 * over at once (worker/instance.ts), so printers are back after the pause, not the lease TTL.
 */
function start(name) {
  const proc = spawn(process.execPath, commands[name], { cwd: root, env, stdio: "inherit" });
  children.set(name, proc);
  proc.on("exit", (code, signal) => {
    if (stopping) {
      if ([...children.values()].every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(0);
      return;
    }
    log(`${name} exited unexpectedly (${code ?? signal}); restarting in ${RESTART_DELAY_MS / 1000} s`);
    setTimeout(() => {
      if (!stopping) start(name);
    }, RESTART_DELAY_MS);
  });
}

function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  const running = [...children.values()].filter((c) => c.exitCode === null && c.signalCode === null);
  if (running.length === 0) process.exit(0);
  for (const proc of running) proc.kill(signal);
  setTimeout(() => {
    for (const proc of children.values()) if (proc.exitCode === null) proc.kill("SIGKILL");
  }, 10_000).unref();
}

for (const name of wanted) start(name);
process.on("SIGTERM", () => stopAll("SIGTERM"));
process.on("SIGINT", () => stopAll("SIGINT"));
