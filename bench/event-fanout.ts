/**
 * The web side of live events in one process: N event streams (lib/events/sse.ts, as
 * /api/events serves them, with the production viewer filter for two kinds of viewer)
 * while printer.state events are appended at a printer farm's rate, then all streams
 * reconnecting at once with a Last-Event-ID some events back (a web restart).
 * Reports this process's CPU per event and per stream, the append → frame latency, and
 * how many database reads the reconnect storm cost.
 * Run: `npx tsx bench/event-fanout.ts [--streams 1000] [--rate 250] [--seconds 20]`.
 * Prints figures; asserts nothing.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: flags } = parseArgs({
  options: { streams: { type: "string", default: "1000" }, rate: { type: "string", default: "250" }, seconds: { type: "string", default: "20" } },
});
const STREAMS = Number(flags.streams);
const RATE = Number(flags.rate);
const SECONDS = Number(flags.seconds);

const dir = await mkdtemp(path.join(tmpdir(), "printernizer-bench-fanout-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
process.env.PRINTERNIZER_DATA_DIR = dir;
process.env.LOG_LEVEL ??= "error";

const { applyMigrations } = await import("@/lib/db/migrate");
const { closeDb, db } = await import("@/lib/db");
const { eventForViewer } = await import("@/lib/catalog/event-visibility");
const { permissionsOf } = await import("@/lib/auth/permissions");
const { eventHub } = await import("@/lib/events/hub");
const { eventStream } = await import("@/lib/events/sse");
const { emptyState } = await import("@/lib/printers/types");
const { figure } = await import("./support/figures");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const viewers = ["operator", "viewer"].map((name) => ({ name, permissions: permissionsOf(name) }));
const latencies: number[] = [];
let frames = 0;

function open(i: number, lastEventId: number | null, signal: AbortSignal, onFirst?: () => void): Promise<void> {
  const viewer = viewers[i % viewers.length];
  const stream = eventStream({
    lastEventId,
    signal,
    owner: `user-${i}`,
    limits: { maxReplay: 1_000, perOwner: 20, perProcess: STREAMS + 10 },
    view: (event) => eventForViewer(event, viewer.permissions),
    viewKey: viewer.name,
  });
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  return (async () => {
    let first = true;
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || !value) return;
      const text = decoder.decode(value);
      if (!text.startsWith("id: ")) continue;
      frames++;
      if (first) {
        first = false;
        onFirst?.();
      }
      // Every 50th stream times its frames (the sent time is in the payload's job name).
      if (i % 50 === 0) {
        const sent = /"jobName":"t(\d+)"/.exec(text)?.[1];
        if (sent) latencies.push(Date.now() - Number(sent));
      }
    }
  })();
}

async function append(count: number): Promise<void> {
  const now = Date.now();
  const data = Array.from({ length: count }, (_, k) => ({
    type: "printer.state",
    printerId: `printer-${k}`,
    payload: JSON.stringify({ state: { ...emptyState(), online: true, state: "printing", progress: k % 100, jobName: `t${now}` } }),
  }));
  await db.event.createMany({ data });
}

async function main(): Promise<void> {
  console.log(`bench/event-fanout.ts on Node ${process.version}`);
  await applyMigrations();
  await append(2_000);

  // The appender alone, so its share can be taken off.
  const tickMs = 100;
  const perTick = Math.max(1, Math.round((RATE * tickMs) / 1000));
  let cpu0 = cpuMs();
  for (let t = 0; t < 50; t++) {
    await append(perTick);
    await sleep(tickMs);
  }
  const appenderMsPerTick = (cpuMs() - cpu0) / 50;

  const live = new AbortController();
  const readers = Array.from({ length: STREAMS }, (_, i) => open(i, null, live.signal));
  await sleep(2_000);
  latencies.length = 0;
  frames = 0;
  cpu0 = cpuMs();
  const started = Date.now();
  let ticks = 0;
  while (Date.now() - started < SECONDS * 1000) {
    await append(perTick);
    ticks++;
    await sleep(tickMs);
  }
  await sleep(500);
  const elapsed = (Date.now() - started) / 1000;
  const cpu = cpuMs() - cpu0 - appenderMsPerTick * ticks;
  const events = ticks * perTick;
  latencies.sort((a, b) => a - b);
  console.log(`window ${elapsed.toFixed(1)} s, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} cores`);
  figure("streams", STREAMS);
  figure("events appended", events / elapsed, "per s");
  figure("frames delivered", frames / elapsed, "per s");
  figure("web CPU for all streams (appender taken off)", (cpu / 1000 / elapsed) * 100, "% of one core");
  figure("web CPU per event (all streams)", (cpu * 1000) / events, "µs");
  figure("web CPU per frame (event × stream)", (cpu * 1000) / Math.max(frames, 1), "µs");
  figure("append → frame p50", percentile(latencies, 50), "ms");
  figure("append → frame p95", percentile(latencies, 95), "ms");

  // A web restart: every stream reconnects at once, 500 events behind.
  const hub = eventHub();
  const position = hub.position;
  live.abort();
  await Promise.all(readers);
  const again = new AbortController();
  const readsBefore = hub.counters.reads;
  cpu0 = cpuMs();
  const stormStart = performance.now();
  let caughtUp = 0;
  let allCaughtUp = 0;
  const reconnected = Array.from({ length: STREAMS }, (_, i) =>
    open(i, position - 500, again.signal, () => {
      if (++caughtUp === STREAMS) allCaughtUp = performance.now();
    }),
  );
  while (caughtUp < STREAMS && performance.now() - stormStart < 60_000) await sleep(20);
  figure("reconnect storm: all streams replaying", (allCaughtUp || performance.now()) - stormStart, "ms");
  figure("reconnect storm: CPU", cpuMs() - cpu0, "ms");
  figure("reconnect storm: event reads by the hub", hub.counters.reads - readsBefore);
  again.abort();
  await Promise.all(reconnected);
  await closeDb();
  await rm(dir, { recursive: true, force: true });
}

main().catch(async (err: unknown) => {
  console.error(err);
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  process.exit(1);
});
