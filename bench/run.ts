/**
 * `npm run bench`: runs every benchmark in bench/ (each top-level .ts file but this one)
 * and the simulators' own (sim/<kind>/bench.ts), one after another, each in its own
 * process at its default size, prints one table and writes bench/results/<date>-<commit>.json
 * plus bench/results/latest.json and latest.md (with the machine: cores, CPU, Node, commit).
 *
 *   npm run bench                                   every benchmark, default sizes
 *   npm run bench -- printers ops                   only these (names as listed in the table)
 *   npm run bench -- --args "printers --bambu 500 --prusa 0 --seconds 120"
 *   npm run bench -- --timeout 30                   minutes per benchmark (default 20)
 *
 * Benchmarks that start the product need a production build (`npm run build`); without
 * one they are listed as skipped. Prints figures; asserts nothing.
 */
import { spawn, execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { type Figure, FIGURES_ENV, figuresIn } from "./support/figures";

const root = path.resolve(import.meta.dirname, "..");
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { args: { type: "string", multiple: true, default: [] }, timeout: { type: "string", default: "20" } },
});
const timeoutMs = z.coerce.number().positive().parse(values.timeout) * 60_000;

interface Bench {
  name: string;
  file: string;
}

function discover(): Bench[] {
  const own = readdirSync(path.join(root, "bench"), { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && e.name !== "run.ts")
    .map((e) => ({ name: e.name.slice(0, -3), file: path.join("bench", e.name) }));
  const sims = readdirSync(path.join(root, "sim"), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(root, "sim", e.name, "bench.ts")))
    .map((e) => ({ name: `sim/${e.name}`, file: path.join("sim", e.name, "bench.ts") }));
  return [...own, ...sims].sort((a, b) => a.name.localeCompare(b.name));
}

/** Extra arguments by benchmark name, from `--args "<name> <flags…>"`. */
function extraArgs(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const spec of values.args) {
    const [name, ...rest] = spec.trim().split(/\s+/);
    out.set(name, [...(out.get(name) ?? []), ...rest]);
  }
  return out;
}

/** CPU seconds of waited-for children of this process (user + system), from /proc. */
function childrenCpuSeconds(): number {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

interface Outcome {
  name: string;
  file: string;
  args: string[];
  status: "ok" | "failed" | "skipped";
  reason?: string;
  seconds: number;
  cpuSeconds: number;
  loadBefore: number[];
  loadAfter: number[];
  figures: Figure[];
}

function needsBuild(file: string): boolean {
  return readFileSync(path.join(root, file), "utf8").includes("startProduct(") && !existsSync(path.join(root, ".next", "BUILD_ID"));
}

async function runOne(bench: Bench, args: string[]): Promise<Outcome> {
  const base = { name: bench.name, file: bench.file, args, loadBefore: os.loadavg(), figures: [] as Figure[] };
  if (needsBuild(bench.file)) return { ...base, status: "skipped", reason: "needs a production build (npm run build)", seconds: 0, cpuSeconds: 0, loadAfter: os.loadavg() };
  console.log(`\n▶ ${bench.name} ${args.join(" ")}`);
  const started = performance.now();
  const cpuBefore = childrenCpuSeconds();
  const child = spawn(process.execPath, ["--import", "tsx", bench.file, ...args], {
    cwd: root,
    env: { ...process.env, [FIGURES_ENV]: "json" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  let errors = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  });
  child.stderr.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
    process.stderr.write(chunk);
  });
  const timer = setTimeout(() => {
    if (child.pid) process.kill(-child.pid, "SIGKILL");
  }, timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  const outcome = { ...base, seconds, cpuSeconds: childrenCpuSeconds() - cpuBefore, loadAfter: os.loadavg(), figures: figuresIn(output) };
  if (code === 0) return { ...outcome, status: "ok" };
  const lastError = errors.trim().split("\n").at(-1) ?? "";
  return { ...outcome, status: "failed", reason: code === null ? `timed out after ${timeoutMs / 60_000} min` : `exit ${code}: ${lastError}` };
}

function git(...args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: root }).toString().trim();
  } catch {
    return "unknown";
  }
}

function table(outcomes: Outcome[]): string {
  const rows = [["benchmark", "figure", "value", "unit"]];
  for (const o of outcomes) {
    if (o.status !== "ok") rows.push([o.name, o.status, o.reason ?? "", ""]);
    for (const f of o.figures) rows.push([o.name, f.name, String(f.value), f.unit]);
    rows.push([o.name, "(run)", `${o.seconds.toFixed(0)} s wall, ${o.cpuSeconds.toFixed(1)} s CPU`, `load ${o.loadBefore[0].toFixed(1)}→${o.loadAfter[0].toFixed(1)}`]);
  }
  const escape = (cell: string) => cell.replaceAll("|", "\\|");
  return rows.map((r, i) => `| ${r.map(escape).join(" | ")} |${i === 0 ? `\n|${"---|".repeat(r.length)}` : ""}`).join("\n");
}

async function main(): Promise<void> {
  const all = discover();
  const unknown = positionals.filter((name) => !all.some((b) => b.name === name));
  if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(", ")}; known: ${all.map((b) => b.name).join(", ")}`);
  const selected = positionals.length > 0 ? all.filter((b) => positionals.includes(b.name)) : all;
  const extras = extraArgs();
  const machine = {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    commit: git("rev-parse", "HEAD"),
    // Earlier results written here do not make the code measured any different.
    dirty: git("status", "--porcelain", "--", ".", ":!bench/results") !== "",
    date: new Date().toISOString(),
  };
  const outcomes: Outcome[] = [];
  for (const bench of selected) outcomes.push(await runOne(bench, extras.get(bench.name) ?? []));

  const summary = table(outcomes);
  console.log(`\n${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, commit ${machine.commit.slice(0, 9)}${machine.dirty ? " (uncommitted changes)" : ""}\n`);
  console.log(summary);
  const dir = path.join(root, "bench", "results");
  await mkdir(dir, { recursive: true });
  const result = JSON.stringify({ machine, benchmarks: outcomes }, null, 2);
  const stamp = machine.date.replaceAll(":", "").replace(/\.\d+Z$/, "Z");
  const file = path.join(dir, `${stamp}-${machine.commit.slice(0, 9)}.json`);
  await writeFile(file, `${result}\n`);
  await writeFile(path.join(dir, "latest.json"), `${result}\n`);
  const header = `# Latest benchmark results\n\n${machine.date}, ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, commit \`${machine.commit.slice(0, 9)}\`${machine.dirty ? " with uncommitted changes" : ""}. Raw: [latest.json](latest.json). How to read: README.md, "Benchmarks".\n\n`;
  await writeFile(path.join(dir, "latest.md"), `${header}${summary}\n`);
  console.log(`\nwritten: ${path.relative(root, file)}, bench/results/latest.json, bench/results/latest.md`);
  if (outcomes.some((o) => o.status === "failed")) process.exitCode = 1;
}

await main();
