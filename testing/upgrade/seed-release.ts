/**
 * Records an upgrade fixture: a new database filled by this checkout's code, plus the
 * facts it shows. Run it on the release the fixture is named for (see
 * test/fixtures/upgrade/README.md):
 *
 *   node --import tsx testing/upgrade/seed-release.ts <data dir> [postgresql://…/<empty db>]
 *
 * Without a URL the database is <data dir>/printernizer.db. The data dir's secrets
 * folder (credential key, NextAuth secret, IP hash key) is created or reused, so a
 * PostgreSQL run with the same data dir shares the SQLite run's keys. The facts go to
 * <data dir>/../expected-<sqlite|postgresql>.json.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";

const [dataDirArg, pgUrl] = process.argv.slice(2);
if (!dataDirArg) throw new Error("usage: seed-release.ts <data dir> [postgresql url]");
const dataDir = path.resolve(dataDirArg);
process.env.PRINTERNIZER_DATA_DIR = dataDir;
process.env.DATABASE_URL = pgUrl ?? `file:${path.join(dataDir, "printernizer.db")}`;
delete process.env.PRINTERNIZER_SECRET_KEY;
delete process.env.PRINTERNIZER_SECRET_KEY_FILE;

// Imported only now: the product reads its configuration on first use.
const { closeDb, databaseKind } = await import("@/lib/db");
const { applyMigrations } = await import("@/lib/db/migrate");
const { readOrCreateSecretFile } = await import("@/lib/auth/secret-files");
const { seedRelease } = await import("./release-data");

await applyMigrations();
// The web creates it at its first sign-in; a fixture's sessions stay valid with it.
readOrCreateSecretFile("nextauth-secret");
const expected = await seedRelease();
const file = path.join(path.dirname(dataDir), `expected-${databaseKind()}.json`);
writeFileSync(file, `${JSON.stringify(expected, null, 2)}\n`);
await closeDb();
process.stdout.write(`seeded ${process.env.DATABASE_URL}; facts in ${file}\n`);
