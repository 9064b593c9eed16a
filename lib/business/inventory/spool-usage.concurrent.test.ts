import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { updateBusinessSettings } from "../settings/settings";

/** Two processes taking filament off the same spool at the same moment, as web and worker can on one SQLite file. */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const helper = path.join(repoRoot, "testing", "business", "deduct-at.ts");

let cleanup: () => Promise<void>;
let printerId: string;
let spoolId: string;

function deductIn(startAt: number, jobIds: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", helper, String(startAt), printerId, "5", ...jobIds], {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`deducting process exited with ${code}: ${stderr}`))));
  });
}

async function jobs(prefix: string, count: number): Promise<string[]> {
  const end = new Date("2026-03-10T10:00:00Z");
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const job = await db.job.create({
      data: { printerId, printerJobId: `${prefix}${i}`, name: `${prefix}${i}`, status: "finished", startedAt: new Date(end.getTime() - 60_000), endedAt: end, filamentGrams: 5 },
    });
    ids.push(job.id);
  }
  return ids;
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  printerId = (await db.printer.create({ data: { name: "MK4", kind: "prusalink", host: "127.0.0.1", model: "MK4", credentials: "{}" } })).id;
  const material = await db.material.create({ data: { type: "PLA", brand: "Prusament", color: "Galaxy Black", diameterMm: "1.75", pricePerKgCents: 2999 } });
  spoolId = (await db.spool.create({ data: { materialId: material.id, initialGrams: 1000, remainingGrams: 200, printerId, slot: "tool0" } })).id;
  await updateBusinessSettings({ lowStockGrams: 150 });
});
afterAll(() => cleanup());

describe("deductFilament from two processes at once", () => {
  it("deducts every job once, raises low stock once and never fails with a busy database", async () => {
    const own = [await jobs("a", 12), await jobs("b", 12)];
    // Both processes also try the same jobs: each may be deducted by only one of them.
    const shared = await jobs("s", 6);
    const startAt = Date.now() + 2500;
    await Promise.all([deductIn(startAt, [...own[0], ...shared]), deductIn(startAt, [...shared.toReversed(), ...own[1]])]);

    expect(await db.jobSpoolUse.count()).toBe(30);
    expect((await db.spool.findUniqueOrThrow({ where: { id: spoolId } })).remainingGrams).toBe(200 - 30 * 5);
    const alerts = await db.alert.findMany({ where: { type: "low_stock" } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ subjectId: spoolId, printerId: null, severity: "info", resolvedAt: null });
  }, 60_000);
});
