/**
 * `npm run faults`: breaks the product on purpose (printers, worker, web, database, disk,
 * clock) against the simulators and real worker/web processes, and prints one table:
 * scenario, what must hold, what was observed, events/jobs/files lost or duplicated.
 * `npm run faults -- --full` runs the larger sizes and the full-size input probes;
 * `npm run faults -- <name> [<name>…]` runs the named scenarios alone.
 * Exits 1 when any scenario did not hold.
 */
import "./harness/quiet";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { scenarios } from "./scenarios";
import { runScenarios } from "./harness/runner";

const { values: flags, positionals } = parseArgs({ options: { full: { type: "boolean", default: false } }, allowPositionals: true });
const unknown = positionals.filter((name) => !scenarios.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`unknown scenario(s): ${unknown.join(", ")}\nknown: ${scenarios.map((s) => s.name).join(", ")}`);
  process.exit(2);
}
const chosen = positionals.length > 0 ? scenarios.filter((s) => positionals.includes(s.name)) : scenarios.filter((s) => flags.full || !s.fullOnly);

const runRoot = await mkdtemp(path.join(tmpdir(), "printernizer-faults-"));
await mkdir(path.join(runRoot, "secrets"), { recursive: true });
process.env.PRINTERNIZER_SECRET_KEY_FILE = path.join(runRoot, "secrets", "credential-keys.json");
const ok = await runScenarios(chosen, { full: flags.full, runRoot });
if (ok || !process.env.PRINTERNIZER_FAULTS_KEEP) await rm(runRoot, { recursive: true, force: true });
else console.log(`logs kept in ${runRoot}`);
process.exit(ok ? 0 : 1);
