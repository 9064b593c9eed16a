import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as backupsRoute from "@/app/api/backups/route";
import * as downloadRoute from "@/app/api/backups/files/[name]/route";
import * as runRoute from "@/app/api/backups/runs/[id]/route";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { useTempSqliteDatabase } from "@/testing/db/temp-database";
import { backupRunSchema } from "./api-routes";
import { configuredBackupOptions, runBackup } from "./run";
import { backupOverviewSchema } from "./schemas";

let cleanup: () => Promise<void>;
let admin: Record<string, string>;
let operator: Record<string, string>;

beforeAll(async () => {
  ({ cleanup } = await useTempSqliteDatabase());
  const make = (email: string, role: "admin" | "operator") =>
    createUser({ email, name: role, password: `${role} password long`, role }, { actor: { type: "system" } });
  admin = await browserHeaders(await make("a@example.com", "admin"));
  operator = await browserHeaders(await make("o@example.com", "operator"));
});
afterAll(() => cleanup());

describe("backups API", () => {
  it("shows a fresh installation without a warning and refuses non-admins", async () => {
    const overview = backupOverviewSchema.parse(await (await call(backupsRoute.GET, testRequest("GET", "/api/backups", { headers: admin }))).json());
    expect(overview).toMatchObject({ database: "sqlite", overdueSince: null, backups: [] });
    expect(overview.nextAt).not.toBeNull();
    expect((await call(backupsRoute.GET, testRequest("GET", "/api/backups", { headers: operator }))).status).toBe(403);
    expect((await call(backupsRoute.POST, testRequest("POST", "/api/backups", { headers: operator }))).status).toBe(403);
  });

  it("queues one backup for the worker, audited, and answers where it stands", async () => {
    const first = await call(backupsRoute.POST, testRequest("POST", "/api/backups", { headers: admin }));
    expect(first.status).toBe(202);
    const run = backupRunSchema.parse(await first.json());
    expect(run.status).toBe("pending");
    const again = backupRunSchema.parse(await (await call(backupsRoute.POST, testRequest("POST", "/api/backups", { headers: admin }))).json());
    expect(again.commandId).toBe(run.commandId);
    expect(await db.command.count({ where: { type: "backup.run" } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "backup.run", details: JSON.stringify({ commandId: run.commandId }) } })).toBe(1);

    await db.command.update({ where: { id: run.commandId }, data: { status: "succeeded", result: JSON.stringify({ file: "printernizer-20261207T090000Z.db" }) } });
    const done = backupRunSchema.parse(await (await call(runRoute.GET, testRequest("GET", `/api/backups/runs/${run.commandId}`, { headers: admin }), { id: String(run.commandId) })).json());
    expect(done).toEqual({ commandId: run.commandId, status: "succeeded", error: null, file: "printernizer-20261207T090000Z.db" });

    const ping = await db.command.create({ data: { type: "worker.ping", payload: "{}" } });
    expect((await call(runRoute.GET, testRequest("GET", `/api/backups/runs/${ping.id}`, { headers: admin }), { id: String(ping.id) })).status).toBe(404);
  });

  it("lists a made backup and lets only admins download it, audited", async () => {
    const made = await runBackup(configuredBackupOptions());
    const overview = backupOverviewSchema.parse(await (await call(backupsRoute.GET, testRequest("GET", "/api/backups", { headers: admin }))).json());
    expect(overview.backups).toEqual([expect.objectContaining({ name: made.file, sizeBytes: made.sizeBytes, verified: true })]);
    expect(overview.state.lastSuccess?.file).toBe(made.file);

    const path = `/api/backups/files/${made.file}`;
    expect((await call(downloadRoute.GET, testRequest("GET", path, { headers: operator }), { name: made.file })).status).toBe(403);
    const response = await call(downloadRoute.GET, testRequest("GET", path, { headers: admin }), { name: made.file });
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe(made.sizeBytes);
    expect(bytes.subarray(0, 15).toString()).toBe("SQLite format 3");
    expect(await db.auditLog.count({ where: { action: "backup.download", target: made.file } })).toBe(1);

    expect((await call(downloadRoute.GET, testRequest("GET", "/api/backups/files/..%2Ftest.db", { headers: admin }), { name: "../test.db" })).status).toBe(404);
    expect((await call(downloadRoute.GET, testRequest("GET", "/api/backups/files/x", { headers: admin }), { name: "printernizer-20200101T000000Z.db" })).status).toBe(404);
  });
});
