import type { ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { stop } from "./processes";
import { faultTable, type Row } from "./table";
import type { FaultContext, FaultOutcome, FaultScenario } from "./scenario";

async function settle(children: ChildProcess[], closers: (() => Promise<unknown> | unknown)[]): Promise<void> {
  // SIGTERM first: the launcher passes it on to its own children.
  await Promise.all(children.map((child) => stop(child)));
  for (const close of closers.reverse()) {
    try {
      await close();
    } catch (err) {
      console.error(`cleanup: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** Runs scenarios one after another, each in its own folder; prints the table; true when all held. */
export async function runScenarios(list: FaultScenario[], opts: { full: boolean; runRoot: string }): Promise<boolean> {
  const rows: Row[] = [];
  for (const scenario of list) {
    const dir = path.join(opts.runRoot, scenario.name);
    await mkdir(dir, { recursive: true });
    const children: ChildProcess[] = [];
    const closers: (() => Promise<unknown> | unknown)[] = [];
    const ctx: FaultContext = {
      full: opts.full,
      dir,
      track: (child) => (children.push(child), child),
      defer: (close) => void closers.push(close),
      log: (message) => console.log(`  [${scenario.name}] ${message}`),
    };
    console.log(`fault: ${scenario.name}: ${scenario.mustHold}`);
    const started = performance.now();
    let result: FaultOutcome;
    try {
      result = await scenario.run(ctx);
    } catch (err) {
      result = { held: false, observed: `error: ${err instanceof Error ? err.message : String(err)}`, lost: 0, duplicated: 0 };
    } finally {
      await settle(children, closers);
    }
    const ms = performance.now() - started;
    console.log(`  ${result.held ? "ok" : "FAILED"}: ${result.observed}`);
    rows.push({ scenario, outcome: result, ms });
  }
  console.log(`\n${faultTable(rows)}\n`);
  return rows.every((row) => row.outcome.held);
}
