import path from "node:path";
import { z } from "zod";

/**
 * Every environment variable Printernizer reads outside the auth/db modules and the
 * domains that own theirs (lib/files/config.ts), with its default. The README's
 * configuration table lists the same names.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PRINTERNIZER_DATA_DIR: z.string().default("./data"),
  PRINTERNIZER_WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  /** Address of the worker's liveness/metrics port; 0.0.0.0 in a container so probes and Prometheus reach it. */
  PRINTERNIZER_WORKER_HOST: z.string().default("127.0.0.1"),
  PRINTERNIZER_WORKER_HEARTBEAT_MS: z.coerce.number().int().min(500).default(5_000),
  PRINTERNIZER_WORKER_LEASE_TTL_MS: z.coerce.number().int().min(2_000).default(20_000),
  PRINTERNIZER_COMMAND_POLL_MS: z.coerce.number().int().min(20).default(200),
  PRINTERNIZER_WORKER_STALE_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** Bearer token Prometheus sends to GET /api/metrics; unset: only the allow-list admits. */
  PRINTERNIZER_METRICS_TOKEN: z.string().min(16).optional(),
  /** Client addresses (CIDRs, comma separated) admitted to GET /api/metrics without the token. */
  PRINTERNIZER_METRICS_ALLOW: z.string().default("127.0.0.1/32,::1/128"),
  /**
   * Reverse proxies (CIDRs, comma separated) whose X-Forwarded-For / X-Real-IP /
   * X-Forwarded-Proto / X-Forwarded-Host are believed; empty: the socket address counts.
   */
  PRINTERNIZER_TRUSTED_PROXIES: z.string().default(""),
  /** Where backups go; default <data dir>/backups. */
  PRINTERNIZER_BACKUP_DIR: z.string().optional(),
  /** Daily backup time, Europe/Berlin wall clock (HH:MM); "off" disables the schedule. */
  PRINTERNIZER_BACKUP_TIME: z.union([z.literal("off"), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)]).default("02:30"),
  /** Also archive <data dir>/files as tar.gz with each backup. */
  PRINTERNIZER_BACKUP_FILES: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  PRINTERNIZER_BACKUP_KEEP_DAILY: z.coerce.number().int().min(1).default(7),
  PRINTERNIZER_BACKUP_KEEP_WEEKLY: z.coerce.number().int().min(0).default(4),
  PRINTERNIZER_BACKUP_KEEP_MONTHLY: z.coerce.number().int().min(0).default(12),
});

export type Env = z.infer<typeof schema>;

let cached: Env | null = null;

export function env(): Env {
  cached ??= schema.parse(process.env);
  return cached;
}

export function dataDir(): string {
  return path.resolve(env().PRINTERNIZER_DATA_DIR);
}
