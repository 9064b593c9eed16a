// First: on a Node older than package.json's engines this stops with a message saying
// which Node is needed and how to get it, before the native addon or undici load.
import "../scripts/node-runtime.mjs";
import { parseArgs } from "node:util";
import { closeDb } from "@/lib/db";
import { commands } from "./commands";

/**
 * `npm run cli -- <command> [--flags]`. Results go to stdout (a created token is the
 * last line), logs and errors to stderr, and the exit code says whether it worked.
 */
async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`Usage: npm run cli -- <command> [options]\n\nCommands:\n`);
    for (const [key, c] of Object.entries(commands)) {
      process.stderr.write(`  ${`${key} ${c.positionals ?? ""}`.trim().padEnd(16)} ${c.summary}\n`);
    }
    return name ? 2 : 0;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: command.options,
    allowPositionals: command.positionals !== undefined,
    strict: true,
  });
  await command.run(values as Record<string, string | boolean | undefined>, positionals);
  return 0;
}

main()
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    await closeDb().catch(() => undefined);
    process.exit(1);
  });
