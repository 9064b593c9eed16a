import { audit } from "@/lib/audit/audit";
import { closeDb } from "@/lib/db";

/**
 * Test helper process: appends `count` audit rows as fast as it can, starting at `startAt`
 * (epoch ms) so that several processes race. Usage: append-many.ts <startAt> <count> <label>
 */
const [startAt, count, label] = process.argv.slice(2);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
await Promise.all(Array.from({ length: Number(count) }, (_, i) => audit({ actor: { type: "system" }, action: "test.race", target: `${label}-${i}` })));
await closeDb();
