import path from "node:path";
import { z } from "zod";

/**
 * Every environment variable Printernizer reads outside the auth/db modules, with its
 * default. The README's configuration table lists the same names.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PRINTERNIZER_DATA_DIR: z.string().default("./data"),
  PRINTERNIZER_WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  PRINTERNIZER_WORKER_HEARTBEAT_MS: z.coerce.number().int().min(500).default(5_000),
  PRINTERNIZER_WORKER_LEASE_TTL_MS: z.coerce.number().int().min(2_000).default(20_000),
  PRINTERNIZER_COMMAND_POLL_MS: z.coerce.number().int().min(20).default(200),
  PRINTERNIZER_WORKER_STALE_MS: z.coerce.number().int().min(1_000).default(30_000),
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
