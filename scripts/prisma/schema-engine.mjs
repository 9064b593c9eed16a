#!/usr/bin/env node
/**
 * Stand-in for Prisma's native `schema-engine` binary, which cannot be downloaded on
 * these machines. prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here, so the
 * unmodified CLI (`migrate dev/deploy/status/diff/reset/resolve`, `db push`) spawns
 * this script exactly as it would spawn the binary:
 *
 *   schema-engine.mjs [--datamodels <file>]... --datasource <json>            JSON-RPC 2.0 on stdin/stdout
 *   schema-engine.mjs --datasource <json> cli can-connect-to-database|create-database
 *   schema-engine.mjs --version
 *
 * The work is done by @prisma/schema-engine-wasm (the same engine the CLI bundles)
 * talking to the database through a Prisma driver adapter. Differences from the binary
 * that this script papers over are marked where they happen.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { randomBytes } from "node:crypto";

const require = createRequire(import.meta.url);
const ENGINE_PACKAGE = "@prisma/schema-engine-wasm";

function log(level, message, extra = {}) {
  process.stderr.write(
    `${JSON.stringify({ timestamp: new Date().toISOString(), level, fields: { message, ...extra }, target: "schema_engine::logger" })}\n`,
  );
}

function parseArgs(argv) {
  const parsed = { datamodels: [], datasource: null, cli: null, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--version" || arg === "-V") parsed.version = true;
    else if (arg === "--datamodels") parsed.datamodels.push(argv[++i]);
    else if (arg === "--datasource") parsed.datasource = JSON.parse(argv[++i]);
    else if (arg === "--enabled-preview-features" || arg === "--extension-types") i++;
    else if (arg === "cli") parsed.cli = argv[++i];
    else throw new Error(`unknown argument ${arg}`);
  }
  return parsed;
}

function kindOfUrl(url) {
  if (typeof url !== "string" || url === "") throw new Error("no datasource URL: set DATABASE_URL");
  if (url.startsWith("file:")) return "sqlite";
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return "postgresql";
  throw new Error(`unsupported datasource URL scheme "${url.split(":")[0]}:" (use file: or postgresql://)`);
}

function sqlitePath(url) {
  return path.resolve(url.replace(/^file:(\/\/)?/, "").replace(/\?.*$/, ""));
}

/** `?schema=x` is Prisma's URL convention, not a libpq parameter: hand it to the adapter instead. */
function pgConnection(url) {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema };
}

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

function quoteIdent(name) {
  return `"${name.replace(/"/g, '""')}"`;
}

function providerOfSchema(content) {
  const block = /datasource\s+\w+\s*\{([^}]*)\}/.exec(content);
  const provider = block && /provider\s*=\s*"([^"]+)"/.exec(block[1]);
  if (!provider) return null;
  return provider[1] === "postgres" ? "postgresql" : provider[1];
}

/**
 * A SQLite schema migrated through a PostgreSQL URL (or the reverse) would make
 * `migrate deploy` report "up to date" against the wrong database: refuse it.
 */
function assertProvidersMatch(kind, files) {
  for (const file of files) {
    const provider = providerOfSchema(file.content);
    if (provider && provider !== kind) {
      throw new Error(
        `${file.path} uses provider "${provider}" but the datasource URL is ${kind}. ` +
          `Set DATABASE_URL to a ${provider === "sqlite" ? "file:" : "postgresql://"} URL (prisma.config.ts picks the matching schema).`,
      );
    }
  }
}

function schemaFilesInParams(params) {
  const files = [];
  for (const target of [params?.from, params?.to, params?.schema, params?.datasourceType]) {
    if (target && Array.isArray(target.files)) files.push(...target.files);
  }
  return files;
}

/** The engine reports Rust panics here before failing with a bare "unreachable". */
let lastPanic = null;
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message) {
    lastPanic = message;
  },
};

async function loadEngine() {
  const bgPath = require.resolve(`${ENGINE_PACKAGE}/schema_engine_bg`);
  const bindings = await import(pathToFileURL(bgPath).href);
  // Importing the package's `.wasm` entry is still experimental in Node 24 (it prints an
  // ExperimentalWarning into the CLI's output) and fails on Node 20: instantiate it by hand.
  const bytes = readFileSync(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bindings;
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

function isMissingMigrationsTable(error) {
  return /_prisma_migrations` does not exist/.test(String(error?.message ?? error));
}

const EMPTY_RESULT = { columnNames: [], columnTypes: [], rows: [] };

function isMultiStatementError(error) {
  return error instanceof RangeError && /more than one statement/.test(error.message);
}

/**
 * The SQLite adapter prepares every query, and better-sqlite3 refuses to prepare more
 * than one statement, but the engine replays whole migration scripts through queryRaw
 * and executeRaw. Such scripts carry no parameters: run them with exec instead.
 */
function acceptScripts(queryable, exec) {
  const { queryRaw, executeRaw } = queryable;
  queryable.queryRaw = async (query) => {
    try {
      return await queryRaw.call(queryable, query);
    } catch (error) {
      if (!isMultiStatementError(error) || query.args.length > 0) throw error;
      exec(query.sql);
      return EMPTY_RESULT;
    }
  };
  queryable.executeRaw = async (query) => {
    try {
      return await executeRaw.call(queryable, query);
    } catch (error) {
      if (!isMultiStatementError(error) || query.args.length > 0) throw error;
      exec(query.sql);
      return 0;
    }
  };
  return queryable;
}

async function sqliteFactory(datasource) {
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  const file = sqlitePath(datasource.url);
  const open = [];
  const wrap = (adapter) => {
    acceptScripts(adapter, (sql) => adapter.client.exec(sql));
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args) => {
      const tx = await startTransaction(...args);
      return acceptScripts(tx, (sql) => tx.client.exec(sql));
    };
    open.push(adapter);
    return adapter;
  };
  return {
    provider: "sqlite",
    adapterName: "@prisma/adapter-better-sqlite3",
    connect: async () => {
      mkdirSync(path.dirname(file), { recursive: true });
      return wrap(await new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 5000 }).connect());
    },
    // The engine cannot create a SQLite shadow database itself under wasm.
    connectToShadowDb: async () => {
      const shadowUrl = datasource.shadowDatabaseUrl;
      if (shadowUrl) rmSqlite(sqlitePath(shadowUrl));
      return wrap(await new PrismaBetterSqlite3({ url: shadowUrl ? `file:${sqlitePath(shadowUrl)}` : ":memory:" }).connect());
    },
    async closeAll() {
      while (open.length > 0) await open.pop().dispose().catch(() => undefined);
    },
    file,
  };
}

function rmSqlite(file) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The engine describes a PostgreSQL schema through pg_catalog, whose single-byte
 * `"char"` columns (relkind, contype, ...) adapter-pg refuses to map. They arrive as
 * strings anyway: present them as text.
 */
function readCharAsText(queryable) {
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
  const startTransaction = queryable.startTransaction?.bind(queryable);
  if (startTransaction) queryable.startTransaction = async (...args) => readCharAsText(await startTransaction(...args));
  return queryable;
}

async function pgFactory(datasource) {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { default: pg } = await import("pg");
  const main = pgConnection(datasource.url);
  const open = [];
  const shadows = new Set();
  const track = (adapter) => {
    open.push(readCharAsText(adapter));
    return adapter;
  };

  async function adminQuery(sql) {
    const client = new pg.Client({ connectionString: main.connectionString });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => track(await new PrismaPg({ connectionString: main.connectionString }, { schema: main.schema }).connect()),
    // adapter-pg's own shadow database ends up replaying onto the main database when
    // configured with a connection string: create a disposable database explicitly.
    connectToShadowDb: async () => {
      if (datasource.shadowDatabaseUrl) {
        const shadow = pgConnection(datasource.shadowDatabaseUrl);
        return track(await new PrismaPg({ connectionString: shadow.connectionString }, { schema: shadow.schema }).connect());
      }
      const name = `prisma_shadow_${randomBytes(8).toString("hex")}`;
      await adminQuery(`CREATE DATABASE ${quoteIdent(name)}`);
      shadows.add(name);
      const adapter = await new PrismaPg({ connectionString: withDatabase(main.connectionString, name) }).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await adminQuery(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
        shadows.delete(name);
      };
      return track(adapter);
    },
    async closeAll() {
      while (open.length > 0) await open.pop().dispose().catch(() => undefined);
      for (const name of shadows) await adminQuery(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`).catch(() => undefined);
      shadows.clear();
    },
  };
}

/** The two one-shot commands the CLI runs before migrating: check, and create if missing. */
async function runCli(command, datasource) {
  log("INFO", `Starting schema engine CLI (${command})`);
  if (command !== "can-connect-to-database" && command !== "create-database") return fail(null, `unknown cli command ${command}`);
  if (kindOfUrl(datasource?.url) === "sqlite") {
    const file = sqlitePath(datasource.url);
    if (command === "can-connect-to-database") {
      if (!existsSync(file)) fail("P1003", `Database ${path.basename(file)} does not exist at ${file}`);
      return;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    const { default: Database } = await import("better-sqlite3");
    new Database(file).close();
    return;
  }
  const { default: pg } = await import("pg");
  const { connectionString } = pgConnection(datasource.url);
  const database = decodeURIComponent(new URL(connectionString).pathname.slice(1));
  if (command === "can-connect-to-database") {
    const client = new pg.Client({ connectionString });
    try {
      await client.connect();
      await client.end();
    } catch (error) {
      if (error?.code === "3D000") return fail("P1003", `Database \`${database}\` does not exist`);
      return fail("P1001", `Can't reach database server: ${error.message}`);
    }
    return;
  }
  const client = new pg.Client({ connectionString: withDatabase(connectionString, "postgres") });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
  } finally {
    await client.end();
  }
}

function fail(code, message) {
  log("ERROR", message, code ? { error_code: code } : {});
  process.exitCode = 1;
}

/** Errors from the wasm engine arrive as Error objects or JSON strings of the user-facing error. */
function toRpcError(error) {
  let payload = error;
  if (typeof error === "string") {
    try {
      payload = JSON.parse(error);
    } catch {
      payload = { message: error };
    }
  }
  // Reported as a plain error: a panic response would make the CLI offer to upload a report.
  const message = lastPanic ? `schema engine panicked: ${lastPanic}` : (payload?.message ?? String(error));
  lastPanic = null;
  const errorCode = payload?.error_code ?? (/^P\d{4}$/.test(payload?.code ?? "") ? payload.code : undefined);
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: {
      is_panic: false,
      message,
      ...(errorCode ? { error_code: errorCode, meta: payload.meta ?? {} } : {}),
    },
  };
}

async function runRpc(args) {
  const datasource = args.datasource ?? {};
  const files = args.datamodels.map((file) => ({ path: file, content: readFileSync(file, "utf8") }));
  let startupError = null;
  let kind = null;
  let factory = null;
  let engine = null;
  let createEngine = null;

  try {
    kind = kindOfUrl(datasource.url);
    assertProvidersMatch(kind, files);
    const bindings = await loadEngine();
    const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
    factory = kind === "sqlite" ? await sqliteFactory(datasource) : await pgFactory(datasource);
    const bound = bindMigrationAwareSqlAdapterFactory(factory);
    createEngine = () =>
      bindings.SchemaEngine.new(
        { datamodels: files.length > 0 ? files.map((file) => [file.path, file.content]) : undefined },
        (line) => process.stderr.write(`${String(line).trimEnd()}\n`),
        bound,
      );
    engine = await createEngine();
  } catch (error) {
    startupError = error;
  }

  const replayHistory = (params) =>
    engine.diagnoseMigrationHistory({
      migrationsList: params.migrationsList,
      optInToShadowDatabase: true,
      filters: params.filters ?? NO_FILTERS,
    });

  // Under wasm, several commands read _prisma_migrations without first checking that
  // it exists (the binary creates it or reports it missing). Applying an empty migration
  // list creates the table the engine's own way; then the command is retried.
  const withMigrationsTable = (method) => async (params) => {
    try {
      return await engine[method](params);
    } catch (error) {
      if (!isMissingMigrationsTable(error)) throw error;
      await engine.applyMigrations({
        migrationsList: { ...params.migrationsList, migrationDirectories: [] },
        filters: params.filters ?? NO_FILTERS,
      });
      return engine[method](params);
    }
  };

  const methods = {
    devDiagnostic: withMigrationsTable("devDiagnostic"),
    markMigrationApplied: withMigrationsTable("markMigrationApplied"),
    // `migrate status` must not write: answer what the binary answers for a database
    // without the table (every migration unapplied).
    diagnoseMigrationHistory: async (params) => {
      try {
        return await engine.diagnoseMigrationHistory(params);
      } catch (error) {
        if (!isMissingMigrationsTable(error)) throw error;
        const names = params.migrationsList.migrationDirectories.map((directory) => directory.path);
        return {
          history: names.length > 0 ? { diagnostic: "databaseIsBehind", unappliedMigrationNames: names } : null,
          failedMigrationNames: [],
          editedMigrationNames: [],
          hasMigrationsTable: false,
        };
      }
    },
    // evaluateDataLoss and createMigration get no shadow database under wasm: they only
    // read the engine's cache of schemas replayed from migrations, which devDiagnostic
    // filled for the migrations applied back then. After `migrate dev` applied pending
    // ones the cache misses, so replay the now-applied history first.
    evaluateDataLoss: async (params) => {
      await replayHistory(params);
      return engine.evaluateDataLoss(params);
    },
    createMigration: async (params) => {
      await replayHistory(params);
      return engine.createMigration(params);
    },
    getDatabaseVersion: (params) => engine.version(params),
    // The binary prints the diff through a `print` request to the CLI; under wasm it
    // comes back in the result instead.
    diff: async (params) => {
      const result = await engine.diff(params);
      if (result.stdout) await printThroughCli(result.stdout.replace(/\n$/, ""));
      return { exitCode: result.exitCode };
    },
    // A SQLite database is a file: the engine cannot delete it from wasm, and dropping
    // tables one by one leaves pragmas and sequences behind. Close, delete, reopen.
    reset: async (params) => {
      if (kind !== "sqlite") return engine.reset(params);
      engine.free();
      await factory.closeAll();
      rmSqlite(factory.file);
      engine = await createEngine();
      return {};
    },
  };

  let printId = 0;
  const printed = new Map();
  function printThroughCli(content) {
    const id = `print-${++printId}`;
    process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id, method: "print", params: { content } })}\n`);
    return new Promise((resolve) => printed.set(id, resolve));
  }

  // The CLI ends stdin and then kills the engine right away: clean up on the signal.
  process.once("SIGTERM", () => {
    void Promise.resolve(factory?.closeAll()).finally(() => process.exit(0));
  });

  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // One request at a time, as the binary does: engine methods take `&mut self` and
  // wasm-bindgen refuses overlapping calls. Replies to our own `print` requests are
  // handled outside the queue, since a queued request may be waiting for them.
  let queue = Promise.resolve();
  for await (const line of rl) {
    if (line.trim() === "") continue;
    let request;
    try {
      request = JSON.parse(line);
    } catch {
      continue;
    }
    if (request.method === undefined) {
      printed.get(request.id)?.();
      printed.delete(request.id);
      continue;
    }
    const reply = (body) => process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id: request.id, ...body })}\n`);
    queue = queue.then(async () => {
      try {
        if (startupError) throw startupError;
        assertProvidersMatch(kind, schemaFilesInParams(request.params));
        const method = methods[request.method] ?? ((params) => {
          if (typeof engine[request.method] !== "function") throw new Error(`method ${request.method} is not supported by the wasm schema engine`);
          return engine[request.method](params);
        });
        const result = await method(request.params ?? {});
        reply({ result: result ?? {} });
      } catch (error) {
        reply({ error: toRpcError(error) });
      }
    });
  }
  await queue;
  await factory?.closeAll();
}

try {
  const args = parseArgs(process.argv.slice(2));
  if (args.version) {
    const packageDir = path.dirname(require.resolve(`${ENGINE_PACKAGE}/schema_engine_bg`));
    const { version } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8"));
    process.stdout.write(`schema-engine-cli ${version.split(".").pop()} (wasm stand-in)\n`);
  } else if (args.cli) {
    await runCli(args.cli, args.datasource);
  } else {
    await runRpc(args);
  }
} catch (error) {
  log("ERROR", error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
