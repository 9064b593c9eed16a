import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as auditRoute from "@/app/api/audit/route";
import * as auditCsvRoute from "@/app/api/audit/export.csv/route";
import * as eraseRoute from "@/app/api/privacy/users/[id]/erase/route";
import * as exportRoute from "@/app/api/privacy/export/route";
import * as jobRoute from "@/app/api/reports/jobs/[id]/route";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { createApiToken } from "@/lib/auth/tokens";
import { createUser } from "@/lib/auth/users";
import { parseCsv } from "@/lib/business/exports/csv";
import { audit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { hashSerial } from "./pseudonym";
import { deletableFrom, deleteJobRecord, purgeTelemetry } from "./retention";
import { RetentionService } from "./retention-service";
import { runComplianceCheck } from "./self-check";

let cleanup: () => Promise<void>;
let admin: Record<string, string>;
let adminId: string;
let printerId: string;
const DAY = 86_400_000;

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  const adminUser = await createUser({ email: "admin@example.com", name: "Admin", password: "admin password", role: "admin" }, { actor: { type: "system" } });
  adminId = adminUser.id;
  admin = await browserHeaders(adminUser);
  printerId = (await db.printer.create({ data: { name: "MK4", kind: "prusalink", host: "127.0.0.1", model: "MK4", credentials: "{}" } })).id;
});
afterAll(() => cleanup());

describe("retention of business records", () => {
  it("counts from the end of the calendar year, Berlin time", () => {
    expect(deletableFrom(new Date("2026-03-10T10:00:00Z"), 7).toISOString()).toBe("2033-12-31T23:00:00.000Z");
    // 31 Dec 23:30 Berlin is still 2026; 00:30 on 1 Jan is 2027.
    expect(deletableFrom(new Date("2026-12-31T22:30:00Z"), 7).toISOString()).toBe("2033-12-31T23:00:00.000Z");
    expect(deletableFrom(new Date("2026-12-31T23:30:00Z"), 7).toISOString()).toBe("2034-12-31T23:00:00.000Z");
  });

  it("refuses to delete a job before its retention period is over, and deletes it after", async () => {
    const job = await db.job.create({
      data: { printerId, name: "Old", status: "finished", startedAt: new Date("2026-03-10T08:00:00Z"), endedAt: new Date("2026-03-10T10:00:00Z") },
    });
    await db.jobCost.create({
      data: { jobId: job.id, lines: "[]", netCents: 100, vatCents: 19, grossCents: 119, vatRateBp: 1900, treatment: "vat", computedAt: new Date(), priceVersion: "default", periodYear: 2026, periodMonth: 3 },
    });
    const refused = await call(jobRoute.DELETE, testRequest("DELETE", `/api/reports/jobs/${job.id}`, { headers: admin }), { id: job.id });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { details: { reason: "retention" } } });
    expect(await db.job.count({ where: { id: job.id } })).toBe(1);
    await expect(deleteJobRecord(job.id, { type: "user", id: adminId }, null, new Date("2033-12-31T22:59:59Z"))).rejects.toMatchObject({ status: 409 });
    await deleteJobRecord(job.id, { type: "user", id: adminId }, null, new Date("2033-12-31T23:00:00Z"));
    expect(await db.job.count({ where: { id: job.id } })).toBe(0);
    expect(await db.jobCost.count({ where: { jobId: job.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "retention.job_deleted", target: job.id } })).toBe(1);
  });
});

describe("telemetry purge", () => {
  it("deletes telemetry older than 90 days, keeps newer rows and audits the counts", async () => {
    const now = new Date("2026-11-22T02:00:00Z");
    const old = new Date(now.getTime() - 91 * DAY);
    const recent = new Date(now.getTime() - 89 * DAY);
    await db.temperatureSample.createMany({ data: [{ printerId, at: old, nozzle: 200 }, { printerId, at: recent, nozzle: 210 }] });
    await db.event.createMany({ data: [{ type: "printer.state", printerId, payload: "{}", createdAt: old }, { type: "printer.state", printerId, payload: "{}", createdAt: recent }] });
    await db.command.createMany({
      data: [
        { type: "printer.pause", printerId, payload: "{}", status: "succeeded", createdAt: old },
        { type: "printer.pause", printerId, payload: "{}", status: "pending", createdAt: old },
        { type: "printer.pause", printerId, payload: "{}", status: "succeeded", createdAt: recent },
      ],
    });
    const run = await purgeTelemetry(now);
    expect(run.counts).toMatchObject({ temperatureSamples: 1, events: 1, commands: 1 });
    expect(await db.temperatureSample.count()).toBe(1);
    expect(await db.event.count()).toBe(1);
    expect(await db.command.count()).toBe(2);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "retention.purge" }, orderBy: { id: "desc" } });
    expect(JSON.parse(entry.details ?? "{}")).toMatchObject({ temperatureSamples: 1, events: 1, commands: 1 });
  });

  it("runs in the worker only outside business hours, once a day", async () => {
    let now = new Date("2026-11-23T09:00:00Z"); // Monday 10:00 Berlin: open.
    const service = new RetentionService({ now: () => now });
    const before = await db.auditLog.count({ where: { action: "retention.purge" } });
    await service.tick();
    expect(await db.auditLog.count({ where: { action: "retention.purge" } })).toBe(before);
    now = new Date("2026-11-23T22:00:00Z"); // Monday 23:00 Berlin: closed, 44 h after the last run.
    await service.tick();
    expect(await db.auditLog.count({ where: { action: "retention.purge" } })).toBe(before + 1);
    now = new Date("2026-11-23T23:00:00Z");
    await service.tick();
    expect(await db.auditLog.count({ where: { action: "retention.purge" } })).toBe(before + 1);
  });
});

describe("compliance self-check", () => {
  it("passes after a recent purge, fails for a stale backup or a gap in the audit log", async () => {
    const now = new Date("2026-11-24T00:00:00Z");
    expect((await runComplianceCheck(now)).checks.map((check) => [check.name, check.status])).toEqual([
      ["retention", "ok"],
      ["auditLog", "ok"],
      ["prices", "ok"],
      ["backup", "skipped"],
    ]);
    await db.setting.create({ data: { key: "backup.state", value: JSON.stringify({ lastSuccess: null, lastAttemptAt: null, lastError: null }) } });
    expect((await runComplianceCheck(now)).checks.find((check) => check.name === "backup")?.status).toBe("failed");
    expect((await runComplianceCheck(new Date(now.getTime() + 3 * DAY))).checks.find((check) => check.name === "retention")?.status).toBe("failed");
    const middle = await db.auditLog.findFirstOrThrow({ orderBy: { id: "asc" }, skip: 2 });
    await db.auditLog.delete({ where: { id: middle.id } });
    const result = await runComplianceCheck(now);
    expect(result.ok).toBe(false);
    expect(result.checks.find((check) => check.name === "auditLog")?.status).toBe("failed");
  });
});

describe("DSGVO", () => {
  it("exports a person's data without secrets and erases them while keeping business records", async () => {
    const person = await createUser({ email: "erika@example.com", name: "Erika Muster", password: "erika password", role: "operator" }, { actor: { type: "user", id: adminId } });
    const { token } = await createApiToken({ userId: person.id, name: "laptop" }, { actor: { type: "user", id: person.id } });
    await db.command.create({ data: { type: "printer.pause", printerId, payload: "{}", createdById: person.id, createdAt: new Date("2026-11-20T10:05:00Z") } });
    const job = await db.job.create({
      data: { printerId, name: "Halter", status: "finished", startedAt: new Date("2026-11-20T10:00:00Z"), endedAt: new Date("2026-11-20T12:00:00Z"), customer: "Erika Muster" },
    });

    const res = await call(exportRoute.GET, testRequest("GET", "/api/privacy/export", { headers: await browserHeaders(person) }));
    expect(res.status).toBe(200);
    const text = await res.text();
    const data = JSON.parse(text) as { profile: { email: string }; apiTokens: unknown[]; auditEntries: unknown[]; jobs: { id: string }[] };
    expect(data.profile.email).toBe("erika@example.com");
    expect(data.apiTokens).toHaveLength(1);
    expect(data.auditEntries.length).toBeGreaterThan(0);
    expect(data.jobs.map((j) => j.id)).toEqual([job.id]);
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/tokenHash|passwordHash|ipHash/);

    const erased = await call(eraseRoute.POST, testRequest("POST", `/api/privacy/users/${person.id}/erase`, { headers: admin }), { id: person.id });
    expect(erased.status).toBe(200);
    const { pseudonym } = (await erased.json()) as { pseudonym: string };
    const row = await db.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(row).toMatchObject({ disabled: true, name: pseudonym });
    expect(row.email).not.toContain("erika");
    expect(await db.apiToken.count({ where: { userId: person.id, revokedAt: null } })).toBe(0);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ customer: pseudonym });

    const self = await call(eraseRoute.POST, testRequest("POST", `/api/privacy/users/${adminId}/erase`, { headers: admin }), { id: adminId });
    expect(self.status).toBe(409);
  });
});

describe("audit viewer", () => {
  it("filters by action, pages, and exports CSV without address hashes", async () => {
    const res = await call(auditRoute.GET, testRequest("GET", "/api/audit?action=retention.&pageSize=1", { headers: admin }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { entries: { action: string }[]; total: number };
    expect(body.entries).toHaveLength(1);
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect(body.entries.every((entry) => entry.action.startsWith("retention."))).toBe(true);
    const csv = await call(auditCsvRoute.GET, testRequest("GET", "/api/audit/export.csv?locale=en", { headers: { ...admin, "x-forwarded-for": "198.51.100.23" } }));
    const rows = parseCsv(await csv.text(), ",");
    expect(rows[0]).toEqual(["id", "createdAt", "actorType", "actorId", "actorName", "action", "target", "details", "Action (text)", "Who (text)", "Concerns (text)", "Details (text)"]);
    const purge = rows.find((row) => row[5] === "retention.purge");
    expect(purge?.slice(8)).toEqual(["Old measurements deleted", "System", "", expect.stringContaining("Temperature readings: ")]);
    expect(rows.length).toBeGreaterThan(5);

    await audit({ actor: { type: "worker" }, action: "printer.updated", target: printerId });
    const named = (await (await call(auditRoute.GET, testRequest("GET", "/api/audit?action=printer.updated", { headers: admin }))).json()) as { entries: { targetName: string | null; targetHref: string | null }[] };
    const printer = await db.printer.findUniqueOrThrow({ where: { id: printerId } });
    expect(named.entries[0]).toMatchObject({ targetName: printer.name, targetHref: `/printers/${printerId}` });
    const all = JSON.stringify(await db.auditLog.findMany());
    expect(all).not.toContain("198.51.100.23");
  });
});

describe("serial pseudonyms", () => {
  it("are stable, keyed and do not contain the serial", () => {
    const serial = "03919C461801234";
    expect(hashSerial(serial)).toBe(hashSerial(serial.toLowerCase()));
    expect(hashSerial(serial)).toMatch(/^sn_[\w-]{16}$/);
    expect(hashSerial(serial)).not.toContain(serial);
    expect(hashSerial(serial)).not.toBe(hashSerial("03919C461801235"));
  });
});
