import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, databaseKind, databaseUrl, db, Prisma, type Db } from "@/lib/db";
import { migratedTestDatabase, type TestDatabase } from "@/testing/db/databases";

type Ids = { userId?: string; printerId?: string; materialId?: string; spoolId?: string };

const at = new Date("2026-03-01T12:34:56.789Z");

/**
 * One row per model, created and read back through the client. Typed by ModelName, so a
 * model added to the schema without a sample here fails the type check (and the test).
 */
const samples: Record<Prisma.ModelName, (client: Db, ids: Ids) => Promise<void>> = {
  User: async (client, ids) => {
    const row = await client.user.create({ data: { email: "ada@example.org", name: "Ada", passwordHash: "h" } });
    ids.userId = row.id;
    expect(await client.user.findUniqueOrThrow({ where: { email: "ada@example.org" } })).toEqual(row);
    expect(row).toMatchObject({ role: "viewer", disabled: false, sessionVersion: 0 });
  },
  ApiToken: async (client, ids) => {
    const userId = required(ids.userId);
    const row = await client.apiToken.create({ data: { userId, name: "ci", tokenHash: "th", prefix: "pz_", expiresAt: at } });
    const read = await client.apiToken.findUniqueOrThrow({ where: { tokenHash: "th" }, include: { user: true } });
    expect(read.expiresAt).toEqual(at);
    expect(read.user.id).toBe(userId);
    expect({ ...read, user: undefined }).toEqual({ ...row, user: undefined });
  },
  RateLimit: async (client) => {
    const row = await client.rateLimit.create({ data: { key: "login:1.2.3.4", count: 3, resetAt: at } });
    expect(await client.rateLimit.findUniqueOrThrow({ where: { key: "login:1.2.3.4" } })).toEqual(row);
  },
  Event: async (client) => {
    const row = await client.event.create({ data: { type: "printer.state", printerId: "p", payload: "{}" } });
    expect(typeof row.id).toBe("number");
    expect(await client.event.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  },
  Command: async (client) => {
    const row = await client.command.create({ data: { type: "pause", payload: "{}" } });
    expect(row.status).toBe("pending");
    expect(await client.command.findFirstOrThrow({ where: { status: "pending" }, orderBy: { id: "asc" } })).toEqual(row);
  },
  Lease: async (client) => {
    const row = await client.lease.create({ data: { name: "worker", holder: "h1", acquiredAt: at, expiresAt: at, heartbeatAt: at } });
    expect(await client.lease.findUniqueOrThrow({ where: { name: "worker" } })).toEqual(row);
  },
  Setting: async (client) => {
    const row = await client.setting.create({ data: { key: "retention", value: '{"days":30}' } });
    expect(await client.setting.findUniqueOrThrow({ where: { key: "retention" } })).toEqual(row);
  },
  NotificationChannel: async (client) => {
    const row = await client.notificationChannel.create({ data: { channel: "ntfy", config: '{"url":"https://ntfy.sh/werkstatt"}', types: "[]", severities: '["critical"]' } });
    expect(row).toMatchObject({ enabled: true, secrets: "{}", holdNonUrgent: true });
    expect(await client.notificationChannel.findUniqueOrThrow({ where: { channel: "ntfy" } })).toEqual(row);
  },
  AuditLog: async (client) => {
    const row = await client.auditLog.create({ data: { actorType: "system", action: "startup" } });
    expect(await client.auditLog.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  },
  Printer: async (client, ids) => {
    const row = await client.printer.create({
      data: { name: "A1 #1", kind: "bambu", host: "192.0.2.10", model: "A1", credentials: "{}", mqttPort: 8883 },
    });
    ids.printerId = row.id;
    expect(await client.printer.findUniqueOrThrow({ where: { name: "A1 #1" } })).toEqual(row);
    expect(row).toMatchObject({ tls: "verify", enabled: true });
  },
  PrinterStatus: async (client, ids) => {
    const printerId = required(ids.printerId);
    const row = await client.printerStatus.create({ data: { printerId, data: "{}", lastMessageAt: at } });
    expect(await client.printerStatus.findUniqueOrThrow({ where: { printerId } })).toEqual(row);
  },
  Job: async (client, ids) => {
    const printerId = required(ids.printerId);
    const row = await client.job.create({
      data: { printerId, printerJobId: "task-1", name: "benchy", status: "printing", progress: 12.5, startedAt: at },
    });
    const read = await client.job.findUniqueOrThrow({ where: { printerId_printerJobId: { printerId, printerJobId: "task-1" } } });
    expect(read).toEqual(row);
    expect(read.progress).toBe(12.5);
  },
  JobStateChange: async (client) => {
    const job = await client.job.findFirstOrThrow({ where: { printerJobId: "task-1" } });
    const row = await client.jobStateChange.create({ data: { jobId: job.id, status: "paused", at } });
    expect(await client.jobStateChange.findFirstOrThrow({ where: { jobId: job.id }, orderBy: { at: "asc" } })).toEqual(row);
  },
  TemperatureSample: async (client, ids) => {
    const printerId = required(ids.printerId);
    const row = await client.temperatureSample.create({ data: { printerId, at, nozzle: 220.5, bed: 65 } });
    expect(await client.temperatureSample.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  },
  Alert: async (client, ids) => {
    const printerId = required(ids.printerId);
    const row = await client.alert.create({ data: { printerId, type: "overheat", severity: "critical", params: "{}" } });
    expect(await client.alert.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  },
  BusinessRate: async (client) => {
    const row = await client.businessRate.create({
      data: { validFrom: at, electricityCentsPerKwh: "34.12", machineCentsPerHour: "50", labourCentsPerHour: "0", printerPowerWatts: 120, defaultMarkupBp: 0, vatMode: "standard", defaultVatRateBp: 1900 },
    });
    expect(await client.businessRate.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  },
  Material: async (client, ids) => {
    const row = await client.material.create({ data: { type: "PLA", brand: "Bambu", color: "White", diameterMm: "1.75", pricePerKgCents: 2499 } });
    ids.materialId = row.id;
    expect(await client.material.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  },
  Spool: async (client, ids) => {
    const row = await client.spool.create({
      data: { materialId: required(ids.materialId), initialGrams: 1000, remainingGrams: 812.5, printerId: required(ids.printerId), slot: "ams0-tray1" },
    });
    ids.spoolId = row.id;
    expect(await client.spool.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  },
  JobSpoolUse: async (client, ids) => {
    const row = await client.jobSpoolUse.create({ data: { jobId: "job-1", spoolId: required(ids.spoolId), grams: 12.25 } });
    expect(await client.jobSpoolUse.findUniqueOrThrow({ where: { jobId_spoolId: { jobId: "job-1", spoolId: row.spoolId } } })).toEqual(row);
  },
  BusinessProfile: async (client) => {
    const row = await client.businessProfile.create({ data: { id: "shop", name: "Druckerei", iban: "DE89370400440532013000" } });
    expect(await client.businessProfile.findUniqueOrThrow({ where: { id: "shop" } })).toEqual(row);
    expect(row).toMatchObject({ country: "DE", vatId: "", updatedById: null });
  },
  Quote: async (client) => {
    const row = await client.quote.create({
      data: {
        number: "KV-2026-0001", year: 2026, sequence: 1, fileId: "f1", fileName: "a.gcode.3mf", copies: 2, customer: "Kunde", validUntil: at,
        input: "{}", lines: "[]", unitNetCents: 100, unitVatCents: 19, unitGrossCents: 119, netCents: 200, vatCents: 38, grossCents: 238,
        vatRateBp: 1900, treatment: "vat", priceVersion: "default",
      },
    });
    expect(await client.quote.findUniqueOrThrow({ where: { number: "KV-2026-0001" } })).toEqual(row);
    expect(row).toMatchObject({ status: "open", plate: null, cancelledAt: null });
    await expect(client.quote.create({ data: { ...row, id: undefined, number: "KV-2026-0002" } })).rejects.toThrow();
  },
  JobCost: async (client) => {
    const row = await client.jobCost.create({
      data: { jobId: "job-1", lines: "[]", netCents: 278, vatCents: 53, grossCents: 331, vatRateBp: 1900, treatment: "vat", computedAt: at, priceVersion: "default", periodYear: 2026, periodMonth: 3 },
    });
    expect(await client.jobCost.findUniqueOrThrow({ where: { jobId: "job-1" } })).toEqual(row);
  },
  JobCostCorrection: async (client) => {
    const row = await client.jobCostCorrection.create({
      data: { jobId: "job-1", reason: "recompute", deltaNetCents: 0, deltaVatCents: -53, deltaGrossCents: -53, vatRateBp: 0, treatment: "private", corrected: "{}", periodYear: 2026, periodMonth: 4 },
    });
    expect(await client.jobCostCorrection.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  },
  MonthClose: async (client) => {
    const row = await client.monthClose.create({ data: { year: 2026, month: 3 } });
    expect(await client.monthClose.findUniqueOrThrow({ where: { year_month: { year: 2026, month: 3 } } })).toEqual(row);
  },
  PrinterFile: async (client) => {
    const row = await client.printerFile.create({ data: { printerId: "p", path: "/cache/a.gcode.3mf", name: "a.gcode.3mf", size: 123, modifiedAt: at, seenAt: at } });
    expect(await client.printerFile.findUniqueOrThrow({ where: { printerId_path: { printerId: "p", path: "/cache/a.gcode.3mf" } } })).toEqual(row);
  },
  LocalFile: async (client) => {
    const source = await client.printerFile.findFirstOrThrow({ where: { path: "/cache/a.gcode.3mf" } });
    const row = await client.localFile.create({ data: { relativePath: "A1/2026-03-01/a.gcode.3mf", name: "a.gcode.3mf", size: 123, sha256: "0".repeat(64), printerFileId: source.id, sourceSize: 123, sourceModifiedAt: at } });
    expect(await client.localFile.findUniqueOrThrow({ where: { relativePath: "A1/2026-03-01/a.gcode.3mf" } })).toEqual(row);
    expect(row.compressed).toBe(false);
  },
  Download: async (client) => {
    const source = await client.printerFile.findFirstOrThrow({ where: { path: "/cache/a.gcode.3mf" } });
    const row = await client.download.create({ data: { printerFileId: source.id, printerId: "p", status: "queued" } });
    expect(await client.download.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
    expect(row).toMatchObject({ bytes: 0n, attempts: 0 });
  },
  QueueItem: async (client, ids) => {
    const row = await client.queueItem.create({
      data: { batchId: "b1", position: 1, fileId: "f1", plate: 2, targetPrinterId: required(ids.printerId), amsMapping: "[0,-1]", dispatchId: "d1", dispatchedAt: at },
    });
    expect(await client.queueItem.findUniqueOrThrow({ where: { dispatchId: "d1" } })).toEqual(row);
    expect(row).toMatchObject({ status: "queued", businessUse: true, skippedPrinterIds: "[]" });
  },
};

function required(id: string | undefined): string {
  if (!id) throw new Error("sample depends on an earlier one");
  return id;
}

describe.each(["sqlite", "postgresql"] as const)("db on %s", (kind) => {
  let database: TestDatabase;
  const previousUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    database = await migratedTestDatabase(kind);
    process.env.DATABASE_URL = database.url;
    await closeDb();
  });

  afterAll(async () => {
    await closeDb();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    await database.drop();
  });

  it("is chosen by DATABASE_URL", () => {
    expect(databaseKind()).toBe(kind);
    expect(databaseUrl()).toBe(database.url);
  });

  it("creates and reads back one row of every model", async () => {
    expect(Object.keys(samples).sort()).toEqual(Object.values(Prisma.ModelName).sort());
    const ids: Ids = {};
    for (const sample of Object.values(samples)) await sample(db, ids);
  });

  it("enforces foreign keys: cascades, and restricts deleting a printer with jobs", async () => {
    const printer = await db.printer.create({ data: { name: `fk-${kind}`, kind: "prusalink", host: "h", model: "CORE One", credentials: "{}" } });
    await db.printerStatus.create({ data: { printerId: printer.id, data: "{}" } });
    await db.job.create({ data: { printerId: printer.id, name: "j", status: "finished", startedAt: at } });

    await expect(db.printer.delete({ where: { id: printer.id } })).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    await db.job.deleteMany({ where: { printerId: printer.id } });
    await db.printer.delete({ where: { id: printer.id } });
    expect(await db.printerStatus.count({ where: { printerId: printer.id } })).toBe(0);
  });

  it("reports unique violations as P2002 through the shared Prisma namespace", async () => {
    await db.setting.create({ data: { key: `dup-${kind}`, value: "1" } });
    const error: unknown = await db.setting.create({ data: { key: `dup-${kind}`, value: "2" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect(error).toMatchObject({ code: "P2002" });
  });

  it("runs interactive transactions", async () => {
    const count = await db.$transaction(async (tx) => {
      await tx.auditLog.create({ data: { actorType: "system", action: "tx" } });
      return tx.auditLog.count({ where: { action: "tx" } });
    });
    expect(count).toBe(1);
  });

  // SQLite's connection settings; PostgreSQL has none of these.
  if (kind === "sqlite") {
    it("opens SQLite with WAL, a busy timeout, foreign keys and synchronous=NORMAL", async () => {
      const pragma = async (name: string) => Object.values((await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`))[0])[0];
      expect(await pragma("journal_mode")).toBe("wal");
      expect(Number(await pragma("busy_timeout"))).toBe(5000);
      expect(Number(await pragma("foreign_keys"))).toBe(1);
      expect(Number(await pragma("synchronous"))).toBe(1);
    });
  }

  it("reconnects after closeDb()", async () => {
    await closeDb();
    expect(await db.user.count()).toBeGreaterThan(0);
  });
});
