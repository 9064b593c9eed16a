import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { PrismaClient } from "@/lib/db/client-types";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { PrismaClient as SqlitePrismaClient } from "./generated/sqlite/client";
import { kindOfUrl, pgConnection, resolveDatabaseUrl, sqliteFilePath, type DatabaseKind } from "./url";

/**
 * The database, for everything above lib/db. Which database it is (SQLite file or
 * PostgreSQL server) follows from DATABASE_URL; callers see one client type either way
 * and must stay within what both support (`npm run typecheck` checks both).
 */
export type { PrismaClient as Db } from "@/lib/db/client-types";
export type * from "@/lib/db/client-types";
export { Prisma } from "@/lib/db/client-types";
export type { DatabaseKind } from "./url";

const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA busy_timeout = 5000",
  "PRAGMA foreign_keys = ON",
  "PRAGMA synchronous = NORMAL",
].join(";\n");

/** The SQLite adapter has no pragma option: run them on every connection it opens. */
class SqliteWithPragmas implements SqlDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName: string;
  readonly #inner: PrismaBetterSqlite3;

  constructor(file: string) {
    this.#inner = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 5000 });
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    return adapter;
  }
}

function createClient(url: string): PrismaClient {
  // The two generated clients differ only in types no shared code may rely on
  // (transaction options, filter shapes); tsconfig.postgres.json type-checks the code
  // against the PostgreSQL one, so presenting either as `PrismaClient` is sound.
  if (kindOfUrl(url) === "sqlite") {
    const client: unknown = new SqlitePrismaClient({ adapter: new SqliteWithPragmas(sqliteFilePath(url)) });
    return client as PrismaClient;
  }
  const { connectionString, schema } = pgConnection(url);
  const client: unknown = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString }, { schema }) });
  return client as PrismaClient;
}

type Holder = { client: PrismaClient; url: string };
// Next dev re-evaluates modules on every change; the client (and its pool) must survive.
const globalHolder = globalThis as typeof globalThis & { __printernizerDb?: Holder };

function current(): PrismaClient {
  globalHolder.__printernizerDb ??= { client: createClient(databaseUrl()), url: databaseUrl() };
  return globalHolder.__printernizerDb.client;
}

/**
 * The singleton client, created on first use (not at import, so builds and tests that
 * never query do not open anything, and DATABASE_URL is read when it is needed).
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = current();
    const value: unknown = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
  has(_target, property) {
    return Reflect.has(current(), property);
  },
});

export function databaseUrl(): string {
  return globalHolder.__printernizerDb?.url ?? resolveDatabaseUrl();
}

export function databaseKind(): DatabaseKind {
  return kindOfUrl(databaseUrl());
}

/** Disconnects; the next use of `db` connects again (with the then-current DATABASE_URL). */
export async function closeDb(): Promise<void> {
  const holder = globalHolder.__printernizerDb;
  globalHolder.__printernizerDb = undefined;
  await holder?.client.$disconnect();
}
