import { execFile } from "node:child_process";
import { chown, mkdtemp, readdir, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import type { FaultContext } from "./scenario";

const run = promisify(execFile);

async function binaries(): Promise<string> {
  const base = "/usr/lib/postgresql";
  const versions = (await readdir(base).catch(() => [])).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error(`no PostgreSQL server binaries under ${base} (apt-get install postgresql)`);
  return path.join(base, versions[0], "bin");
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || !address) throw new Error("no free port");
  return address.port;
}

export interface PrivatePostgres {
  /** A database of its own on the private server. */
  url: string;
  /** Ends every connection to it but the caller's own; returns how many were ended. */
  terminateAll(): Promise<number>;
}

/**
 * A PostgreSQL server of the scenario's own: `initdb` into a temp folder, started with
 * `pg_ctl` on a free loopback port, stopped and removed afterwards. Never the machine's
 * shared server. As root the server runs as the `postgres` user (initdb refuses root).
 */
export async function privatePostgres(ctx: FaultContext): Promise<PrivatePostgres> {
  const bin = await binaries();
  const dir = await mkdtemp(path.join(tmpdir(), "printernizer-faults-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const as = async (command: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", path.join(bin, command), ...args]) : run(path.join(bin, command), args);
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: group } = await run("id", ["-g", "postgres"]);
    await chown(dir, Number(stdout.trim()), Number(group.trim()));
  }
  ctx.defer(() => rm(dir, { recursive: true, force: true }));
  await as("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const port = await freePort();
  await as("pg_ctl", ["start", "-w", "-D", data, "-l", path.join(dir, "server.log"), "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`]);
  ctx.defer(() => as("pg_ctl", ["stop", "-D", data, "-m", "immediate"]));

  const admin = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query("CREATE DATABASE printernizer");
  await client.end();
  const url = `postgresql://postgres@127.0.0.1:${port}/printernizer`;
  return {
    url,
    async terminateAll() {
      const killer = new pg.Client({ connectionString: admin });
      await killer.connect();
      try {
        const result = await killer.query<{ ended: boolean }>(
          "SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = 'printernizer' AND pid <> pg_backend_pid()",
        );
        return result.rows.filter((row) => row.ended).length;
      } finally {
        await killer.end();
      }
    },
  };
}
