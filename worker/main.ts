import { ensureAdminFromEnv } from "@/lib/auth/users";
import { dataDir, env } from "@/lib/config/env";
import { closeDb } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { logger } from "@/lib/log/logger";
import { CommandRunner } from "./command-runner";
import { Worker } from "./worker";

const log = logger("worker");
const SHUTDOWN_DEADLINE_MS = 9_000;

async function main(): Promise<void> {
  const config = env();
  await applyMigrations();
  await ensureAdminFromEnv();

  const commands = new CommandRunner(config.PRINTERNIZER_COMMAND_POLL_MS);
  commands.register("worker.ping", async () => ({ pong: new Date().toISOString() }));

  const worker = new Worker({
    dataDir: dataDir(),
    heartbeatMs: config.PRINTERNIZER_WORKER_HEARTBEAT_MS,
    leaseTtlMs: config.PRINTERNIZER_WORKER_LEASE_TTL_MS,
    livenessPort: config.PRINTERNIZER_WORKER_PORT,
    staleMs: config.PRINTERNIZER_WORKER_STALE_MS,
    services: [{ name: "commands", start: () => commands.start(), stop: () => commands.stop() }],
  });

  let shuttingDown = false;
  const shutdown = (signal: string): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, "shutting down");
    const deadline = setTimeout(() => {
      log.error("shutdown deadline passed; exiting");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    void worker
      .stop()
      .then(() => closeDb())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, "unclean shutdown");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));

  await worker.start();
}

main().catch((err: unknown) => {
  log.fatal({ err }, "worker failed to start");
  process.exit(1);
});
