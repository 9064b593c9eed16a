/**
 * Figures for the foundation: build time, cold start to first page, idle memory of web
 * and worker, and event latency worker-append → SSE client with 100 clients connected.
 * Run: `npx tsx bench/foundation.ts [--install]` (a production build must exist unless
 * --build is given). Prints figures; asserts nothing.
 */
import { execFileSync, execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startProduct, unlimitedRates } from "../e2e/support/product";

const args = new Set(process.argv.slice(2));
const root = path.resolve(import.meta.dirname, "..");

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const result = fn();
  return [result, performance.now() - t0];
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

function treeRssMb(pid: number): number {
  const children = execSync(`pgrep -P ${pid} || true`).toString().split("\n").filter(Boolean).map(Number);
  return Math.round((rssMb(pid) + children.reduce((s, c) => s + treeRssMb(c), 0)) * 10) / 10;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  console.log(`bench/foundation.ts on Node ${process.version}`);
  if (args.has("--install")) {
    const [, ms] = timed(() => execSync("rm -rf /tmp/pz-install && git clone -q . /tmp/pz-install && cd /tmp/pz-install && npm ci --silent", { cwd: root, stdio: "ignore" }));
    console.log(`clean install (npm ci in a fresh clone): ${(ms / 1000).toFixed(1)} s`);
  }
  if (args.has("--build")) {
    const [, ms] = timed(() => execFileSync("npx", ["next", "build"], { cwd: root, stdio: "ignore" }));
    console.log(`production build: ${(ms / 1000).toFixed(1)} s`);
  }

  const t0 = performance.now();
  const product = await startProduct({ PRINTERNIZER_WORKER_HEARTBEAT_MS: "5000", LOG_LEVEL: "error" , ...unlimitedRates });
  const firstPage = await fetch(`${product.baseURL}/de/login`);
  console.log(`cold start to first page (web + worker spawn → /de/login ${firstPage.status}): ${Math.round(performance.now() - t0)} ms`);

  const cli = (cmd: string[]) =>
    execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "cli/main.ts", ...cmd], {
      cwd: root,
      env: product.env,
    }).toString().trim().split("\n").at(-1) ?? "";
  cli(["user:create", "--email", "bench@example.com", "--name", "Bench", "--password", "bench-password-123", "--role", "admin"]);
  const token = cli(["token:create", "--email", "bench@example.com", "--name", "bench"]);

  await new Promise((r) => setTimeout(r, 10_000));
  const { web, workers } = product.pids();
  console.log(`idle memory: web ${treeRssMb(web!)} MB RSS, worker ${treeRssMb(workers[0])} MB RSS`);

  const CLIENTS = 100;
  const EVENTS = 1000;
  const latencies: number[] = [];
  const controllers: AbortController[] = [];
  let ready = 0;
  const sentAt = new Map<string, number>();
  const done = new Promise<void>((resolve) => {
    let received = 0;
    for (let i = 0; i < CLIENTS; i++) {
      const ac = new AbortController();
      controllers.push(ac);
      void (async () => {
        const res = await fetch(`${product.baseURL}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal });
        ready++;
        const reader = res.body!.getReader();
        const decoder = new TextDecoder();
        let buffer = "";
        for (;;) {
          const { value, done: end } = await reader.read().catch(() => ({ value: undefined, done: true }));
          if (end) return;
          buffer += decoder.decode(value, { stream: true });
          let idx;
          while ((idx = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, idx);
            buffer = buffer.slice(idx + 2);
            const data = block.split("\n").find((l) => l.startsWith("data: "));
            if (!data) continue;
            const event = JSON.parse(data.slice(6)) as { type: string; payload: { holder?: string } };
            const t = event.payload.holder ? sentAt.get(event.payload.holder) : undefined;
            if (t !== undefined) {
              latencies.push(performance.now() - t);
              if (++received === CLIENTS * EVENTS) resolve();
            }
          }
        }
      })();
    }
  });
  while (ready < CLIENTS) await new Promise((r) => setTimeout(r, 50));

  process.env.DATABASE_URL = product.env.DATABASE_URL;
  const { appendEvent } = await import("../lib/events/append");
  const { workerEventSchemas } = await import("../lib/worker/events");
  for (let i = 0; i < EVENTS; i++) {
    const holder = `bench-${i}`;
    sentAt.set(holder, performance.now());
    await appendEvent(workerEventSchemas, "worker.heartbeat", { holder, at: new Date().toISOString(), startedAt: new Date().toISOString() });
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.race([done, new Promise((r) => setTimeout(r, 60_000))]);
  latencies.sort((a, b) => a - b);
  console.log(
    `SSE latency append→client (${CLIENTS} clients, ${EVENTS} events, ${latencies.length} deliveries): ` +
      `p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
  );
  for (const c of controllers) c.abort();
  await product.stop();
  process.exit(0);
}

void main();
