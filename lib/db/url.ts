import path from "node:path";

export type DatabaseKind = "sqlite" | "postgresql";

/**
 * The database URL: DATABASE_URL, or a SQLite file in the data directory so a fresh
 * checkout runs with no configuration. Shared by the app, the worker and prisma.config.ts.
 */
export function resolveDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.DATABASE_URL?.trim();
  if (configured) return configured;
  const dataDir = env.PRINTERNIZER_DATA_DIR?.trim() || "./data";
  return `file:${path.join(dataDir, "printernizer.db")}`;
}

export function kindOfUrl(url: string): DatabaseKind {
  if (url.startsWith("file:")) return "sqlite";
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return "postgresql";
  throw new Error(`DATABASE_URL must start with file:, postgres:// or postgresql:// (got "${url.split(":")[0]}:")`);
}

/** The file behind a `file:` URL, relative paths resolved against the working directory. */
export function sqliteFilePath(url: string): string {
  const withoutScheme = url.replace(/^file:(\/\/)?/, "").replace(/\?.*$/, "");
  return path.resolve(withoutScheme);
}

/**
 * `?schema=x` is Prisma's URL convention, not a libpq parameter: split it off so pg
 * does not send it to the server, and hand it to whoever sets the search path.
 */
export function pgConnection(url: string): { connectionString: string; schema: string | undefined } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema };
}
