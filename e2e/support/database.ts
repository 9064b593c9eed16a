import Database from "better-sqlite3";
import pg from "pg";
import { kindOfUrl, pgConnection, sqliteFilePath } from "@/lib/db/url";

/**
 * The ids of the stored events from `from` to `to`, read straight from the product's
 * database (SQLite file or PostgreSQL), to compare with what a browser received.
 */
export async function storedEventIds(databaseUrl: string, from: number, to: number): Promise<number[]> {
  if (kindOfUrl(databaseUrl) === "sqlite") {
    const db = new Database(sqliteFilePath(databaseUrl), { readonly: true });
    try {
      const rows = db.prepare("SELECT id FROM Event WHERE id BETWEEN ? AND ? ORDER BY id").all(from, to) as { id: number }[];
      return rows.map((r) => r.id);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: pgConnection(databaseUrl).connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>(`SELECT id FROM "Event" WHERE id BETWEEN $1 AND $2 ORDER BY id`, [from, to]);
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}
