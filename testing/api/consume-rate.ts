import { consumeRate, rateLimitConfig } from "@/lib/api/rate-limit";
import { closeDb } from "@/lib/db";

/**
 * For tests only: a second process spending a rate budget in the same database.
 * Arguments: budget, address, count, now (ms). Prints each decision as a JSON line.
 */
const [budget, address, count, now] = process.argv.slice(2);
const config = rateLimitConfig();
for (let i = 0; i < Number(count); i++) {
  const decision = await consumeRate(budget as "read", [{ kind: "address", id: address }], config, Number(now));
  console.log(JSON.stringify(decision));
}
await closeDb();
