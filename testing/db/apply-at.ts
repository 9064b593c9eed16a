/**
 * Test helper process: `node --import tsx testing/db/apply-at.ts <epoch ms> <url>...`
 * waits until the given moment, so that several processes start migrating together,
 * then applies the committed migrations to each URL in turn, printing one JSON line each.
 */
import { applyMigrations } from "@/lib/db/migrate";

const [startAt, ...urls] = process.argv.slice(2);
const delay = Number(startAt) - Date.now();
if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
for (const url of urls) {
  const result = await applyMigrations(url);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
