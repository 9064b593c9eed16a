#!/usr/bin/env node
// Starts the web server and the worker as children of one process that forwards
// SIGTERM/SIGINT, so stopping `npm start` stops both cleanly (npm alone can orphan them).
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

if (!existsSync(path.join(root, ".next", "BUILD_ID")) || process.argv.includes("--build")) {
  log("no production build found; building first");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? "3000";
// Prisma 7 runs its query compiler as WebAssembly; V8's optimizing tier for it costs about
// 50 MB per process and measured no faster for our queries, so both processes stay on Liftoff.
const v8Flags = ["--liftoff-only"];
const children = [
  { name: "web", proc: spawn(process.execPath, [...v8Flags, nextBin, "start", "-p", port], { cwd: root, env, stdio: "inherit" }) },
  { name: "worker", proc: spawn(process.execPath, [...v8Flags, "--import", "tsx", "worker/main.ts"], { cwd: root, env, stdio: "inherit" }) },
];

let stopping = false;
let exitCode = 0;
function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  for (const { proc } of children) if (proc.exitCode === null) proc.kill(signal);
  setTimeout(() => {
    for (const { proc } of children) if (proc.exitCode === null) proc.kill("SIGKILL");
  }, 10_000).unref();
}

for (const { name, proc } of children) {
  proc.on("exit", (code, signal) => {
    if (!stopping) {
      log(`${name} exited unexpectedly (${code ?? signal}); stopping`);
      exitCode = 1;
      stopAll("SIGTERM");
    }
    if (children.every((c) => c.proc.exitCode !== null || c.proc.signalCode !== null)) process.exit(exitCode);
  });
}
process.on("SIGTERM", () => stopAll("SIGTERM"));
process.on("SIGINT", () => stopAll("SIGINT"));
