import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { applyInput, envChannels, resolveChannels, saveChannel } from "@/lib/alerts/notification-channels";
import { channelBodySchema } from "@/lib/alerts/notification-schemas";
import { loadAlertSettings } from "@/lib/alerts/settings";
import { sealAuditChain } from "@/lib/audit/audit";
import { verifyAuditChain } from "@/lib/audit/verify";
import { attemptLogin } from "@/lib/auth/login";
import { scopesOfRole } from "@/lib/auth/token-scopes";
import { listApiTokens, verifyApiToken } from "@/lib/auth/tokens";
import { findUserByEmail } from "@/lib/auth/users";
import { priceJobFromDatabase } from "@/lib/business/costing/price-job";
import { addRate, deleteRate, listRates, rateAt } from "@/lib/business/rates/rates";
import { readBusinessSettings } from "@/lib/business/settings/settings";
import { businessProfileComplete, readBusinessProfile, updateBusinessProfile } from "@/lib/business/profile/profile";
import { emptyBusinessProfile } from "@/lib/business/profile/schemas";
import { createQuote } from "@/lib/business/quotes/store";
import { legalText } from "@/lib/compliance/legal-content";
import { readRetentionSettings } from "@/lib/compliance/retention-settings";
import { closeDb, db } from "@/lib/db";
import { applyMigrations, defaultMigrationsDir, readMigrations } from "@/lib/db/migrate";
import { integrityProblems } from "@/lib/db/pre-migrate-backup";
import { tempPostgres, testDatabaseKind, type TestDatabase } from "@/testing/db/databases";
import { isCurrentEnvelope } from "@/lib/crypto/envelope";
import { loadKeyring } from "@/lib/crypto/keyring";
import { readPrinterConnection, secretValues, upgradeStoredCredentials } from "@/lib/printers/credentials";
import { assertBedClear } from "@/lib/printers/bed-actions";
import { listPrinters } from "@/lib/printers/repository";
import { addToQueue, listQueue } from "@/lib/queue/repository";
import { createQueueItemSchema } from "@/lib/queue/schemas";
import { runPrisma } from "@/scripts/prisma/run-prisma";
import { expectedReleaseSchema, type ExpectedRelease } from "./expected";
import { plain, readFacts, type Json } from "./facts";
import { reportMonths } from "./release-data";

const tokenFactsSchema = z.array(z.object({ owner: z.string(), tokens: z.array(z.looseObject({ expiresAt: z.string().nullable() })) }));

/**
 * A database filled by an earlier release (test/fixtures/upgrade/<release>/, made by
 * seed-release.ts on that release) is migrated the way web and worker do at start, then
 * read with this code: everything is still there and still works. Runs on SQLite, and on
 * PostgreSQL in `npm run test:pg` (restored from the release's dump).
 *
 * Whoever changes stored data (a migration, new encryption, a new table): add a
 * `describe` below for what your change must keep working on old data, and, if the
 * release before your change stores something new, extend release-data.ts and facts.ts
 * and record that release's fixture folder as the README there shows.
 */

const RELEASE = "e8af25d";
const fixture = path.resolve(import.meta.dirname, "../../test/fixtures/upgrade", RELEASE);
const kind = testDatabaseKind();
const expected: ExpectedRelease = expectedReleaseSchema.parse(JSON.parse(readFileSync(path.join(fixture, `expected-${kind}.json`), "utf8")));
/** Touches data without changing the schema, so the migrated database still matches schema.prisma exactly. */
const PROBE = "29991231000000_upgrade_probe";

let dir: string;
let dataDir: string;
let postgres: TestDatabase | null = null;
let fixtureMigrations: string[];
let migrated: { applied: string[] };
let probe: { applied: string[] };
let actual: Record<string, Json>;

/** The release's dump as a driver can run it: psql's own meta-commands (`\restrict`) dropped. */
async function restoreDump(url: string): Promise<void> {
  const sql = readFileSync(path.join(fixture, "postgresql.sql"), "utf8")
    .split("\n")
    .filter((line) => !line.startsWith("\\"))
    .join("\n");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function recordedMigrations(): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
  return rows.map((row) => row.migration_name);
}

/** The committed migrations plus one more, as the next release with a migration would ship them. */
function migrationsWithProbe(): string {
  const target = path.join(dir, "migrations");
  cpSync(defaultMigrationsDir(kind), target, { recursive: true });
  mkdirSync(path.join(target, PROBE));
  writeFileSync(path.join(target, PROBE, "migration.sql"), `UPDATE "User" SET "name" = "name";\n`);
  return target;
}

function backups(): string[] {
  const folder = path.join(dataDir, "backups");
  return existsSync(folder) ? readdirSync(folder) : [];
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "printernizer-upgrade-"));
  dataDir = path.join(dir, "data");
  mkdirSync(dataDir);
  cpSync(path.join(fixture, "secrets"), path.join(dataDir, "secrets"), { recursive: true });
  if (kind === "postgresql") {
    postgres = await tempPostgres();
    await restoreDump(postgres.url);
    process.env.DATABASE_URL = postgres.url;
  } else {
    cpSync(path.join(fixture, "printernizer.db"), path.join(dataDir, "printernizer.db"));
    process.env.DATABASE_URL = `file:${path.join(dataDir, "printernizer.db")}`;
  }
  process.env.PRINTERNIZER_DATA_DIR = dataDir;
  delete process.env.PRINTERNIZER_SECRET_KEY;
  delete process.env.PRINTERNIZER_SECRET_KEY_FILE;
  delete process.env.PRINTERNIZER_BACKUP_DIR;

  fixtureMigrations = await recordedMigrations();
  await closeDb();
  // What web and worker run at start.
  migrated = await applyMigrations();
  probe = await applyMigrations(undefined, { migrationsDir: migrationsWithProbe() });
  // Before any check below signs in or uses a token (both write).
  actual = await readFacts(reportMonths);
});

afterAll(async () => {
  await closeDb();
  await postgres?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe(`the ${RELEASE} database after migrating (${kind})`, () => {
  it("gets exactly the migrations this code has and the release lacked", async () => {
    const committed = readMigrations(defaultMigrationsDir(kind)).map((m) => m.name);
    expect(fixtureMigrations.length).toBeGreaterThan(0);
    expect(fixtureMigrations.every((name) => committed.includes(name))).toBe(true);
    expect(migrated.applied).toEqual(committed.filter((name) => !fixtureMigrations.includes(name)));
    expect(probe.applied).toEqual([PROBE]);
    expect(await recordedMigrations()).toEqual([...committed, PROBE]);
  });

  it("matches schema.prisma exactly", () => {
    const schema = kind === "sqlite" ? "prisma/schema.prisma" : "prisma/postgres/schema.prisma";
    const diff = runPrisma(["migrate", "diff", "--from-config-datasource", "--to-schema", schema, "--exit-code"], {
      DATABASE_URL: process.env.DATABASE_URL,
    });
    expect(diff.stderr + diff.stdout).toContain("No difference detected");
    expect(diff.status).toBe(0);
  });

  it("was backed up before each migrating run (SQLite: a sound copy holding the release's data; PostgreSQL: by pg_dump, no file)", () => {
    if (kind === "postgresql") {
      expect(backups()).toEqual([]);
      return;
    }
    const committed = readMigrations(defaultMigrationsDir("sqlite")).map((m) => m.name);
    // This code's own new migrations start from the release's last one; the probe from this code's last.
    const runsFrom = [...(migrated.applied.length > 0 ? [fixtureMigrations.at(-1)] : []), committed.at(-1)];
    const made = backups();
    expect(made.map((name) => /^pre-migrate-\d{8}T\d{6}Z-(.+)\.db$/.exec(name)?.[1]).sort()).toEqual(runsFrom.sort());
    for (const name of made) {
      const file = path.join(dataDir, "backups", name);
      expect(integrityProblems(file)).toEqual([]);
      const copy = new Database(file, { readonly: true });
      expect(copy.prepare(`SELECT count(*) FROM "AuditLog"`).pluck().get()).toBe((expected.facts.audit as unknown[]).length);
      copy.close();
    }
  });
});

describe("users and sign-in", () => {
  it("keeps every user with its role", () => {
    expect(actual.users).toEqual(expected.facts.users);
    const users = actual.users as { email: string; role: string }[];
    expect(users.map((u) => [u.email, u.role]).sort()).toEqual(expected.users.map((u) => [u.email, u.role]).sort());
  });

  it("signs everyone in with their password, and no one with a wrong one", async () => {
    for (const user of expected.users) {
      const result = await attemptLogin({ email: user.email, password: user.password, ip: null });
      expect(result.ok && result.user.role).toBe(user.role);
    }
    expect((await attemptLogin({ email: expected.users[0].email, password: "not the password", ip: null })).ok).toBe(false);
  });
});

describe("API tokens", () => {
  it("keeps every token record (the expiry aside: the token_scopes migration sets it, checked below)", () => {
    const withoutExpiry = (facts: Json) =>
      tokenFactsSchema.parse(facts).map(({ owner, tokens }) => ({ owner, tokens: tokens.map(({ expiresAt: _expiresAt, ...kept }) => kept) }));
    expect(withoutExpiry(actual.tokens)).toEqual(withoutExpiry(expected.facts.tokens));
  });

  it("authenticates the valid tokens as their owners and refuses the revoked one", async () => {
    for (const token of expected.tokens) {
      const owner = await findUserByEmail(token.owner);
      const verified = await verifyApiToken(token.token);
      expect(verified?.userId ?? null).toBe(token.valid ? owner?.id : null);
    }
  });
});

describe("API token scopes and lifetime (issue 18)", () => {
  it("gives every earlier token all the scopes its owner's role allows and at most 90 days from the upgrade", async () => {
    const day = 86_400_000;
    for (const user of expected.users) {
      const owner = await findUserByEmail(user.email);
      if (!owner) throw new Error(`missing ${user.email}`);
      for (const token of await listApiTokens(owner.id)) {
        expect(token.scopes).toEqual(scopesOfRole(owner.role));
        expect(token.expiresAt).not.toBeNull();
        const left = (token.expiresAt?.getTime() ?? 0) - Date.now();
        expect(left).toBeGreaterThan(89 * day);
        expect(left).toBeLessThanOrEqual(90 * day);
      }
    }
  });

  it("authenticates the valid tokens with those scopes", async () => {
    for (const token of expected.tokens.filter((t) => t.valid)) {
      const owner = await findUserByEmail(token.owner);
      expect((await verifyApiToken(token.token))?.scopes).toEqual(scopesOfRole(owner?.role ?? ""));
    }
  });
});

describe("printers and their credentials", () => {
  it("keeps every printer and its connection settings (the bed state is new, checked below)", () => {
    const withoutBed = (printers: Json) => (printers as Record<string, Json>[]).map(({ bed: _bed, ...printer }) => printer);
    expect(withoutBed(actual.printers)).toEqual(expected.facts.printers);
    expect(actual.connections).toEqual(expected.facts.connections);
  });

  it("decrypts every printer's secrets with the stored key", async () => {
    const printers = await listPrinters();
    expect(printers.map((p) => p.name).sort()).toEqual(expected.printerSecrets.map((p) => p.name).sort());
    for (const printer of printers) {
      const connection = await readPrinterConnection(printer.id, "upgrade-test");
      const secrets = expected.printerSecrets.find((p) => p.name === printer.name)?.secrets;
      expect(secretValues(connection).sort()).toEqual([...(secrets ?? ["missing"])].sort());
    }
  });
});

describe("credential encryption (issue 18: AAD names the printer, passphrase keys by scrypt)", () => {
  it("rewrites the release's credentials in the current format, bound to their printer, and they still open", async () => {
    const before = await db.printer.findMany({ where: { credentials: { not: "" } }, select: { id: true, credentials: true }, orderBy: { id: "asc" } });
    expect(before.length).toBeGreaterThan(1);
    const keyring = await loadKeyring();
    expect(before.every((row) => !isCurrentEnvelope(row.credentials, keyring))).toBe(true);

    // What the worker runs at start.
    expect((await upgradeStoredCredentials()).printers).toBe(before.length);
    const after = await db.printer.findMany({ where: { credentials: { not: "" } }, select: { id: true, credentials: true }, orderBy: { id: "asc" } });
    expect(after.every((row) => isCurrentEnvelope(row.credentials, keyring))).toBe(true);
    expect(after.every((row, i) => row.credentials !== before[i].credentials)).toBe(true);
    expect((await upgradeStoredCredentials()).printers).toBe(0);

    const printers = await listPrinters();
    for (const printer of printers) {
      const connection = await readPrinterConnection(printer.id, "upgrade-test");
      const secrets = expected.printerSecrets.find((p) => p.name === printer.name)?.secrets;
      expect(secretValues(connection).sort()).toEqual([...(secrets ?? ["missing"])].sort());
    }
  });

  it("refuses a ciphertext swapped between two printers", async () => {
    const [a, b] = await db.printer.findMany({ where: { credentials: { not: "" } }, select: { id: true, credentials: true }, take: 2 });
    await db.printer.update({ where: { id: a.id }, data: { credentials: b.credentials } });
    try {
      await expect(readPrinterConnection(a.id, "upgrade-test")).rejects.toThrow();
    } finally {
      await db.printer.update({ where: { id: a.id }, data: { credentials: a.credentials } });
    }
    await expect(readPrinterConnection(a.id, "upgrade-test")).resolves.toBeTruthy();
  });

  it("leaves a damaged row as it is and reports it, instead of stopping the worker's start", async () => {
    const [a] = await db.printer.findMany({ where: { credentials: { not: "" } }, select: { id: true, credentials: true }, take: 1 });
    await db.printer.update({ where: { id: a.id }, data: { credentials: "{}" } });
    try {
      expect(await upgradeStoredCredentials()).toMatchObject({ printers: 0, unreadable: [a.id] });
      expect((await db.printer.findUniqueOrThrow({ where: { id: a.id } })).credentials).toBe("{}");
    } finally {
      await db.printer.update({ where: { id: a.id }, data: { credentials: a.credentials } });
    }
  });
});

describe("jobs, costs and reports", () => {
  it("keeps jobs, booked costs, the correction, the closed month and the spool use", () => {
    for (const area of ["jobs", "costs", "corrections", "closedMonths", "spoolUses"]) {
      expect({ area, rows: actual[area] }).toEqual({ area, rows: expected.facts[area] });
    }
  });

  it("reports the same totals for the seeded months and the correction's month", () => {
    expect(actual.reports).toEqual(expected.facts.reports);
  });

  it("prices every job as booked (plus its correction) from the stored rates, materials and spool use", async () => {
    const costs = expected.facts.costs as { jobId: string; netCents: number; grossCents: number }[];
    const corrections = expected.facts.corrections as { jobId: string; deltaNetCents: number; deltaGrossCents: number }[];
    expect(costs.length).toBeGreaterThan(0);
    for (const cost of costs) {
      const corrected = corrections.filter((c) => c.jobId === cost.jobId);
      const { totals } = await priceJobFromDatabase(cost.jobId);
      expect({ job: cost.jobId, net: totals.netCents, gross: totals.grossCents }).toEqual({
        job: cost.jobId,
        net: cost.netCents + corrected.reduce((sum, c) => sum + c.deltaNetCents, 0),
        gross: cost.grossCents + corrected.reduce((sum, c) => sum + c.deltaGrossCents, 0),
      });
    }
  });

  it("keeps rates, materials and spools", () => {
    for (const area of ["rates", "materials", "spools"]) {
      expect({ area, rows: actual[area] }).toEqual({ area, rows: expected.facts[area] });
    }
  });
});

describe("one rate per day (migration rate_one_per_day)", () => {
  const rate = {
    electricityCentsPerKwh: "30",
    machineCentsPerHour: "80",
    labourCentsPerHour: "3000",
    printerPowerWatts: 150,
    defaultMarkupBp: 2000,
    vatMode: "standard",
    defaultVatRateBp: 1900,
  } as const;

  it("keeps both dated rates and refuses a second one for a day that has one", async () => {
    const days = (await listRates()).map((r) => r.validFrom.slice(0, 10));
    expect(days).toEqual(["2026-04-01", "2026-01-01"]);
    await expect(addRate({ ...rate, validFrom: "2026-04-01" }, null)).rejects.toMatchObject({ code: "rate_date_taken" });
    await expect(deleteRate((await listRates())[0]?.id ?? "missing")).rejects.toMatchObject({ code: "rate_in_force" });
  });
});

describe("print queue and bed state (issue 15)", () => {
  it("asks once for the bed of every printer of the release, with automatic starts off", async () => {
    const printers = await listPrinters();
    expect(printers.length).toBeGreaterThan(0);
    for (const printer of printers) expect(printer.bed).toEqual({ state: "needs_clearing", since: null, reason: "first_seen", autoStart: false });
    await expect(assertBedClear(printers[0].id)).rejects.toMatchObject({ code: "bed_not_clear" });
  });

  it("keeps the release's jobs unlinked from the queue, and queues a release file on a release printer", async () => {
    expect(await db.job.count({ where: { queueItemId: { not: null } } })).toBe(0);
    expect(await db.queueItem.count()).toBe(0);
    const file = await db.printerFile.findFirstOrThrow({ where: { goneAt: null } });
    const viewer = { locale: "en" as const, seesCustomer: true };
    const { items } = await addToQueue(createQueueItemSchema.parse({ fileId: file.id, printerId: file.printerId, copies: 2 }), { actor: { type: "system" }, userId: null }, viewer);
    expect(items.map((i) => [i.position, i.status, i.target.printerId])).toEqual([
      [1, "queued", file.printerId],
      [2, "queued", file.printerId],
    ]);
    expect((await listQueue("open", viewer)).items.map((i) => i.id)).toEqual(items.map((i) => i.id));
    await db.queueItem.deleteMany();
  });
});

describe("files and downloads", () => {
  it("lists the same printer files with their queued downloads; none of the release's files needs slicing", () => {
    const { files, ...page } = actual.files as { files: Record<string, Json>[] };
    expect(files.map((file) => file.needsSlicing)).toEqual(files.map(() => false));
    expect({ ...page, files: files.map(({ needsSlicing: _needsSlicing, ...file }) => file) }).toEqual(expected.facts.files);
    expect(actual.downloads).toEqual(expected.facts.downloads);
  });
});

describe("alerts", () => {
  it("keeps open and acknowledged alerts", () => {
    expect(actual.alerts).toEqual(expected.facts.alerts);
  });
});

describe("settings", () => {
  it("reads the business, retention and alert settings the release saved (no per-kind limits yet)", async () => {
    const { kinds, ...alerts } = await loadAlertSettings();
    expect(kinds).toEqual({});
    expect(plain({ business: await readBusinessSettings(), retention: await readRetentionSettings(), alerts })).toEqual(expected.settings);
  });
});

describe("notification channels (issue 17: set on the notifications page, environment as fallback)", () => {
  it("starts with no saved channel: the environment's channels carry the types the release routed", async () => {
    expect(await db.notificationChannel.count()).toBe(0);
    const settings = await loadAlertSettings();
    const env = envChannels(settings, { PRINTERNIZER_ALERT_WEBHOOK_URL: "https://hooks.example.com/werkstatt", PRINTERNIZER_SMTP_URL: "smtp://relay.local" });
    const { notify } = z.object({ notify: z.object({ webhook: z.array(z.string()), emailTo: z.array(z.string()) }) }).parse(expected.settings.alerts);
    expect(env.webhook?.routing).toEqual({ enabled: true, types: notify.webhook, severities: ["info", "warning", "critical"], holdNonUrgent: true });
    expect(env.email?.channel === "email" && env.email.config.to).toEqual(notify.emailTo);
    expect((await resolveChannels(settings)).webhook).toBeNull();
  });

  it("leaves no earlier held alert to be announced again", async () => {
    expect(await db.alert.count({ where: { notifyAfter: { not: null }, announcedAt: null } })).toBe(0);
  });

  it("saves a channel with its password sealed by the release's key, and opens it again", async () => {
    const input = channelBodySchema.parse({
      channel: "email",
      enabled: true,
      types: ["overheat"],
      severities: ["critical"],
      holdNonUrgent: true,
      host: "mail.example.com",
      port: 587,
      tls: "starttls",
      user: "shop",
      password: "mail-secret",
      from: "shop@example.com",
      to: ["werkstatt@example.com"],
    });
    await saveChannel(applyInput(input, null));
    const resolved = await resolveChannels(await loadAlertSettings());
    expect(resolved.email).toMatchObject({ source: "database", password: "mail-secret" });
    await db.notificationChannel.deleteMany();
  });
});

describe("audit trail", () => {
  it("keeps every audit row unchanged", () => {
    const rows = actual.audit as { action: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.action)).toContain("upgrade.fixture");
    expect(actual.audit).toEqual(expected.facts.audit);
  });

  it("seals the release's rows onto the hash chain, which then verifies from the first row", async () => {
    await sealAuditChain();
    const release = expected.facts.audit as { id: number }[];
    const verification = await verifyAuditChain();
    expect(verification).toMatchObject({ ok: true, broken: null });
    expect(verification.checked).toBeGreaterThanOrEqual(release.length);
    const first = await db.auditLog.findFirstOrThrow({ orderBy: { id: "asc" } });
    expect(first).toMatchObject({ id: release[0].id, prevHash: "" });
  });
});

describe("business details and quotes (migration business_profile_and_quotes)", () => {
  it("starts with empty details, keeps the Impressum a template and leaves the first step open", async () => {
    expect(await readBusinessProfile()).toEqual(emptyBusinessProfile);
    expect(await businessProfileComplete()).toBe(false);
    expect((await legalText("impressum", "de")).text).toContain("[Firmenname]");
    expect(await db.job.count({ where: { note: { not: null } } })).toBe(0);
    expect(await db.job.count()).toBeGreaterThan(0);
  });

  it("saves details and a numbered quote priced with the release's rates and materials", async () => {
    const view = await updateBusinessProfile(
      { name: "Upgrade-Druck", street: "Weg 1", postcode: "70806", city: "Kornwestheim", email: "a@example.org", taxNumber: "71/123/45678", iban: "DE89370400440532013000" },
      { actor: { type: "system" }, actorId: null, ip: null },
    );
    expect(view.missing).toEqual([]);
    const material = await db.material.findFirstOrThrow({ where: { archivedAt: null }, orderBy: { createdAt: "asc" } });
    const metadata = {
      kind: "gcode",
      plates: [],
      printSeconds: 1800,
      filamentGrams: 5,
      filamentMeters: null,
      filaments: [{ type: material.type, color: null, grams: 5 }],
      layerHeight: null,
      nozzleDiameter: null,
      printerModel: null,
      printerModelId: null,
      slicer: null,
      thumbnails: [],
    };
    const file = await db.localFile.create({ data: { relativePath: "upgrade/quote.gcode", name: "quote.gcode", size: 1n, sha256: "u", metadata: JSON.stringify(metadata) } });
    const quote = await createQuote({ fileId: file.id, copies: 2, customer: "Kunde" }, { actorId: null });
    expect(quote.number).toMatch(/^KV-\d{4}-0001$/);
    expect(quote.filaments[0]).toMatchObject({ materialId: material.id, pricePerKgCents: material.pricePerKgCents });
    expect(quote.total.grossCents).toBe(quote.unit.grossCents * 2);
    expect(quote.priceVersion).toBe((await rateAt(new Date())).id);
  });
});
