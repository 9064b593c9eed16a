/**
 * Test helper process (never imported by app code):
 * `node --import tsx testing/business/deduct-at.ts <epoch ms> <printerId> <grams> <jobId>...`
 * waits until the given moment, so that several processes write together, then takes
 * each job's filament off the printer's spool in turn against DATABASE_URL, printing
 * one JSON line with the number of jobs done.
 */
import { closeDb } from "@/lib/db";
import { deductFilament } from "@/lib/business/inventory/spool-usage";

const [startAt, printerId, grams, ...jobIds] = process.argv.slice(2);
const delay = Number(startAt) - Date.now();
if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
for (const jobId of jobIds) await deductFilament(jobId, printerId, Number(grams));
await closeDb();
process.stdout.write(`${JSON.stringify({ done: jobIds.length })}\n`);
