import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as acknowledgeRoute from "@/app/api/alerts/[id]/acknowledge/route";
import * as alertsRoute from "@/app/api/alerts/route";
import * as settingsRoute from "@/app/api/alerts/settings/route";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { alertListSchema, alertSchema, alertSettingsViewSchema } from "./schemas";
import { raiseAlert, resolveAlert } from "./store";

let cleanup: () => Promise<void>;
let admin: Record<string, string>;
let operator: Record<string, string>;
let viewer: Record<string, string>;
let operatorId: string;
let printerId: string;

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  const make = (email: string, role: "admin" | "operator" | "viewer") =>
    createUser({ email, name: role, password: `${role} password long`, role }, { actor: { type: "system" } });
  admin = await browserHeaders(await make("a@example.com", "admin"));
  const op = await make("o@example.com", "operator");
  operatorId = op.id;
  operator = await browserHeaders(op);
  viewer = await browserHeaders(await make("v@example.com", "viewer"));
  printerId = (await db.printer.create({ data: { name: "A1", kind: "bambu", host: "127.0.0.1", model: "A1", credentials: "{}" } })).id;
});
afterAll(() => cleanup());

describe("raising and resolving", () => {
  it("keeps one open alert per printer and type, with events", async () => {
    const first = await raiseAlert(printerId, "overheat", { heater: "nozzle", current: 305, limit: 300, target: 220 });
    const again = await raiseAlert(printerId, "overheat", { heater: "nozzle", current: 310, limit: 300, target: 220 });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, type: "overheat", created: false });
    expect(await db.alert.count({ where: { printerId, type: "overheat" } })).toBe(1);
    expect(await resolveAlert(first.id, "overheat", printerId)).toBe(true);
    expect(await resolveAlert(first.id, "overheat", printerId)).toBe(false);
    expect((await raiseAlert(printerId, "overheat", { heater: "nozzle", current: 301, limit: 300, target: 220 })).created).toBe(true);
    const types = (await db.event.findMany({ where: { printerId, type: { startsWith: "alert." } }, orderBy: { id: "asc" } })).map((e) => e.type);
    expect(types).toEqual(["alert.raised", "alert.resolved", "alert.raised"]);
  });
});

describe("GET /api/alerts", () => {
  it("lists open and past alerts, newest first", async () => {
    const get = async (q: string) =>
      alertListSchema.parse(await (await call(alertsRoute.GET, testRequest("GET", `/api/alerts${q}`, { headers: viewer }))).json());
    const open = await get("?status=open");
    expect(open.alerts).toHaveLength(1);
    expect(open.alerts[0]).toMatchObject({ type: "overheat", messageKey: "alerts.overheat", severity: "critical", printerName: "A1", resolvedAt: null });
    expect((await get("?status=past")).alerts).toHaveLength(1);
    expect((await get("")).total).toBe(2);
  });
});

describe("POST /api/alerts/{id}/acknowledge", () => {
  it("is for operators and admins, idempotent, audited", async () => {
    const alert = await db.alert.findFirstOrThrow({ where: { resolvedAt: null } });
    const ack = (headers: Record<string, string>) =>
      call(acknowledgeRoute.POST, testRequest("POST", `/api/alerts/${alert.id}/acknowledge`, { headers }), { id: alert.id });
    expect((await ack(viewer)).status).toBe(403);
    const first = alertSchema.parse(await (await ack(operator)).json());
    expect(first.acknowledgedById).toBe(operatorId);
    const second = alertSchema.parse(await (await ack(admin)).json());
    expect(second.acknowledgedAt).toBe(first.acknowledgedAt);
    expect(second.acknowledgedById).toBe(operatorId);
    expect(second.resolvedAt).toBeNull();
    expect(await db.auditLog.count({ where: { action: "alert.acknowledged", target: alert.id } })).toBe(1);
    expect(await db.event.count({ where: { type: "alert.acknowledged" } })).toBe(1);
    const missing = await call(acknowledgeRoute.POST, testRequest("POST", "/api/alerts/none/acknowledge", { headers: operator }), { id: "none" });
    expect(missing.status).toBe(404);
  });
});

describe("/api/alerts/settings", () => {
  it("shows and changes limits and opt-ins, admins only, without transport secrets", async () => {
    process.env.PRINTERNIZER_ALERT_WEBHOOK_URL = "http://127.0.0.1:9/hook?token=hook-secret";
    try {
      const get = await call(settingsRoute.GET, testRequest("GET", "/api/alerts/settings", { headers: admin }));
      const text = await get.text();
      expect(text).not.toContain("hook-secret");
      expect(alertSettingsViewSchema.parse(JSON.parse(text))).toMatchObject({ nozzleMaxC: 300, transports: { webhook: true, email: false } });
      const patch = await call(
        settingsRoute.PATCH,
        testRequest("PATCH", "/api/alerts/settings", { body: { nozzleMaxC: 290, notify: { webhook: ["overheat", "print_failed"] } }, headers: admin }),
      );
      expect(alertSettingsViewSchema.parse(await patch.json())).toMatchObject({ nozzleMaxC: 290, notify: { webhook: ["overheat", "print_failed"], email: [] } });
      const bad = await call(
        settingsRoute.PATCH,
        testRequest("PATCH", "/api/alerts/settings", { body: { notify: { webhook: ["everything"] } }, headers: admin }),
      );
      expect(bad.status).toBe(422);
      expect((await call(settingsRoute.GET, testRequest("GET", "/api/alerts/settings", { headers: operator }))).status).toBe(403);
    } finally {
      delete process.env.PRINTERNIZER_ALERT_WEBHOOK_URL;
    }
  });
});
