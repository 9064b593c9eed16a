// First: on a Node older than package.json's engines this stops with a message saying
// which Node is needed and how to get it, before the native addon or undici load.
import "../scripts/node-runtime.mjs";
import { ensureAdminFromEnv } from "@/lib/auth/users";
import { RetentionService } from "@/lib/compliance/retention-service";
import { configuredBackupOptions, runBackup } from "@/lib/backup/run";
import { BackupService } from "@/lib/backup/service";
import { dataDir, env } from "@/lib/config/env";
import { closeDb, databaseKind } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { upgradeStoredCredentials } from "@/lib/printers/credentials";
import { logger } from "@/lib/log/logger";
import { CommandRunner } from "./command-runner";
import { fileServices, supervisorAccess } from "./files";
import { registerPrinterCommands } from "./printers/command-handlers";
import { supervisorConfigFromEnv } from "./printers/config";
import { PrinterSupervisor } from "./printers/supervisor";
import { queueService } from "./queue";
import { Worker } from "./worker";

const log = logger("worker");
const SHUTDOWN_DEADLINE_MS = 9_000;

async function main(): Promise<void> {
  log.info({ node: process.version }, `worker starting on Node ${process.version}`);
  const config = env();
  await applyMigrations();
  await ensureAdminFromEnv();
  const upgraded = await upgradeStoredCredentials();
  if (upgraded.printers > 0) log.info(upgraded, "printer credentials rewritten in the current format");

  const commands = new CommandRunner(config.PRINTERNIZER_COMMAND_POLL_MS);
  commands.register("worker.ping", async () => ({ pong: new Date().toISOString() }));
  commands.register("backup.run", async () => {
    const run = await runBackup(configuredBackupOptions());
    return { file: run.file, sizeBytes: run.sizeBytes, filesArchive: run.filesArchive, removed: run.removed };
  });
  const printers = new PrinterSupervisor({ config: supervisorConfigFromEnv() });
  registerPrinterCommands(commands, printers);

  const worker = new Worker({
    dataDir: dataDir(),
    heartbeatMs: config.PRINTERNIZER_WORKER_HEARTBEAT_MS,
    leaseTtlMs: config.PRINTERNIZER_WORKER_LEASE_TTL_MS,
    livenessPort: config.PRINTERNIZER_WORKER_PORT,
    staleMs: config.PRINTERNIZER_WORKER_STALE_MS,
    // Printers first: commands for a printer need its session.
    services: [
      printers,
      ...fileServices(supervisorAccess(printers), commands),
      queueService(supervisorAccess(printers)),
      { name: "commands", start: () => commands.start(), stop: () => commands.stop() },
      new RetentionService(),
      // SQLite only: with PostgreSQL the database is backed up by pg_dump (deploy/postgres/backup.sh).
      ...(databaseKind() === "sqlite" ? [new BackupService({ time: config.PRINTERNIZER_BACKUP_TIME })] : []),
    ],
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
  // One printer's bug must not stop the others: a stray rejection is logged, not fatal.
  process.on("unhandledRejection", (err) => log.error({ err }, "unhandled rejection"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));

  await worker.start();
}

main().catch((err: unknown) => {
  log.fatal({ err }, "worker failed to start");
  process.exit(1);
});
