import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as jobRoute from "@/app/api/jobs/[id]/route";
import * as commandsRoute from "@/app/api/printers/[id]/commands/route";
import * as printerRoute from "@/app/api/printers/[id]/route";
import * as itemRoute from "@/app/api/queue/[id]/route";
import * as queueRoute from "@/app/api/queue/route";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { useTempDatabase } from "@/testing/db/temp-database";
import { addLocalFixture, clearBed, enqueue, readQueue } from "@/testing/queue/queue";
import { printerViewSchema } from "@/lib/printers/schemas";
import { emptyState } from "@/lib/printers/types";
import { queueItemResponseSchema, queueListSchema } from "./schemas";

let cleanup: () => Promise<void>;
let root: string;
let admin: Record<string, string>;
let operator: Record<string, string>;
let operatorEn: Record<string, string>;
let viewer: Record<string, string>;
let mini: string;
let mk4: string;
let a1miniFile: string;
let projectFile: string;

const patch = (headers: Record<string, string>, id: string, body: object) =>
  call(itemRoute.PATCH, testRequest("PATCH", `/api/queue/${id}`, { headers, body }), { id });

async function order(): Promise<string[]> {
  return (await readQueue(operator)).items.filter((i) => i.status !== "cancelled").map((i) => i.id);
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  root = await mkdtemp(path.join(tmpdir(), "queue-api-"));
  const user = async (role: "admin" | "operator" | "viewer", locale: string | null = null) => {
    const created = await createUser({ email: `${role}${locale ?? ""}@example.com`, name: role, password: `${role} password!`, role }, { actor: { type: "system" } });
    if (locale) await db.user.update({ where: { id: created.id }, data: { locale } });
    return browserHeaders(created);
  };
  admin = await user("admin");
  operator = await user("operator", "de");
  operatorEn = await user("operator", "en");
  viewer = await user("viewer");
  mini = (await db.printer.create({ data: { name: "Mini", kind: "bambu", host: "127.0.0.1", model: "A1 mini", serial: "S1", credentials: "{}" } })).id;
  mk4 = (await db.printer.create({ data: { name: "MK4", kind: "prusalink", host: "127.0.0.1", model: "MK4", credentials: "{}" } })).id;
  const live = { ...emptyState(), online: true, state: "idle" as const, filament: [{ id: "ext", type: "PLA", color: "#00AE42", remainingPercent: null, active: false }] };
  await db.printerStatus.create({ data: { printerId: mini, online: true, state: "idle", data: JSON.stringify(live) } });
  a1miniFile = await addLocalFixture(root, "bambu.gcode.3mf");
  projectFile = await addLocalFixture(root, "bambu-2-plates.3mf");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await cleanup();
});

describe("the queue API", () => {
  it("queues one item per copy sharing a batch id, with fit reasons in the caller's language", async () => {
    const created = await enqueue(operator, { fileId: a1miniFile, copies: 3, customer: "Kunde", orderReference: "A-1" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ item: { id: created.items[0].id } });
    expect(created.items.map((i) => i.position)).toEqual([1, 2, 3]);
    expect(new Set(created.items.map((i) => i.batchId)).size).toBe(1);
    expect(created.items[0]).toMatchObject({ status: "queued", customer: "Kunde", orderReference: "A-1", file: { name: "bambu.gcode.3mf", printSeconds: 1095 } });
    const reason = created.items[0].fit?.reasons.find((r) => r.printerId === mk4);
    expect(reason).toMatchObject({ code: "type_unsupported", message: "MK4 kann keine .gcode.3mf-Dateien drucken." });
    const english = (await readQueue(operatorEn)).items[0].fit?.reasons.find((r) => r.printerId === mk4);
    expect(english?.message).toBe("MK4 cannot print .gcode.3mf files.");
    expect(created.items[0].estimatedStart).not.toBeNull();
  });

  it("answers in the language of the page the user reads (Accept-Language), else the profile's", async () => {
    const reasonFor = async (headers: Record<string, string>) => (await readQueue(headers)).items[0].fit?.reasons.find((r) => r.printerId === mk4)?.message;
    expect(await reasonFor({ ...operator, "accept-language": "en" })).toBe("MK4 cannot print .gcode.3mf files.");
    expect(await reasonFor({ ...operatorEn, "accept-language": "de-DE,de;q=0.9" })).toBe("MK4 kann keine .gcode.3mf-Dateien drucken.");
    expect(await reasonFor({ ...operatorEn, "accept-language": "fr-FR" })).toBe("MK4 cannot print .gcode.3mf files.");
  });

  it("shows viewers the queue without customer and order reference, and lets them change nothing", async () => {
    const list = queueListSchema.parse(await readQueue(viewer));
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) expect([item.customer, item.orderReference]).toEqual([null, null]);
    expect((await enqueue(viewer, { fileId: a1miniFile })).status).toBe(403);
    expect((await patch(viewer, list.items[0].id, { paused: true })).status).toBe(403);
  });

  it("refuses an unsliced 3MF project with the reason, and an unknown file", async () => {
    const project = await enqueue(operatorEn, { fileId: projectFile });
    expect(project.status).toBe(422);
    expect(project.body).toMatchObject({ error: { code: "validation_failed", details: { issues: [{ path: "fileId", code: "project_unsliced" }] } } });
    expect(JSON.stringify(project.body)).toContain("slice it");
    expect((await enqueue(operator, { fileId: "nope" })).status).toBe(404);
  });

  it("moves, pauses, resumes, cancels and retries items", async () => {
    const [a, b, c] = await order();
    expect((await patch(operator, c, { before: a })).status).toBe(200);
    expect(await order()).toEqual([c, a, b]);
    expect((await patch(operator, c, { position: 3 })).status).toBe(200);
    expect(await order()).toEqual([a, b, c]);
    const paused = queueItemResponseSchema.parse(await (await patch(operator, a, { paused: true })).json());
    expect(paused.item.status).toBe("paused");
    expect(paused.item.estimatedStart).toBeNull();
    expect(queueItemResponseSchema.parse(await (await patch(operator, a, { paused: false })).json()).item.status).toBe("queued");
    expect(queueItemResponseSchema.parse(await (await patch(operator, b, { status: "cancelled" })).json()).item.status).toBe("cancelled");
    expect((await patch(operator, b, { before: a })).status).toBe(409);
    await db.queueItem.update({ where: { id: c }, data: { status: "failed", failureCode: "upload_failed", failureDetail: JSON.stringify({ printerId: mini, detail: "command.notConnected" }), skippedPrinterIds: JSON.stringify([mini]) } });
    const failed = (await readQueue(operatorEn, "all")).items.find((i) => i.id === c);
    expect(failed?.failure).toMatchObject({ code: "upload_failed", printerId: mini });
    expect(failed?.failure?.message).toMatch(/^Sending the file to Mini failed: /);
    const retried = queueItemResponseSchema.parse(await (await patch(operator, c, { retry: true })).json()).item;
    expect(retried).toMatchObject({ status: "queued", failure: null, skippedPrinterIds: [] });
  });

  it("refuses changes to an item being sent or printed, and deletes others", async () => {
    const [a, c] = await order();
    await db.queueItem.update({ where: { id: a }, data: { status: "dispatching", assignedPrinterId: mini, dispatchStage: "recorded" } });
    for (const body of [{ paused: true }, { status: "cancelled" }, { printerId: mk4 }]) {
      const res = await patch(operator, a, body);
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: "queue_item_active" } });
    }
    const del = (id: string) => call(itemRoute.DELETE, testRequest("DELETE", `/api/queue/${id}`, { headers: operator }), { id });
    expect((await del(a)).status).toBe(409);
    expect((await del(c)).status).toBe(200);
    expect(await db.queueItem.count({ where: { id: c } })).toBe(0);
  });

  it("pauses and resumes the whole queue", async () => {
    const set = (paused: boolean) => call(queueRoute.PATCH, testRequest("PATCH", "/api/queue", { headers: operator, body: { paused } }));
    expect(await (await set(true)).json()).toEqual({ paused: true });
    expect((await readQueue(viewer)).paused).toBe(true);
    expect(await db.event.count({ where: { type: "queue.changed" } })).toBeGreaterThan(0);
    await set(false);
    expect((await readQueue(viewer)).paused).toBe(false);
  });

  it("answers 409 bed_not_clear to a start until the bed is confirmed, or with auto-start on", async () => {
    const start = () =>
      call(commandsRoute.POST, testRequest("POST", `/api/printers/${mini}/commands`, { headers: operator, body: { action: "start", path: "/a.gcode.3mf" } }), { id: mini });
    const refused = await start();
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "bed_not_clear" } });
    const auto = await call(printerRoute.PATCH, testRequest("PATCH", `/api/printers/${mini}`, { headers: admin, body: { autoStartWithoutBedCheck: true } }), { id: mini });
    expect(printerViewSchema.parse(await auto.json()).bed).toMatchObject({ state: "needs_clearing", autoStart: true });
    expect((await start()).status).toBe(202);
    await call(printerRoute.PATCH, testRequest("PATCH", `/api/printers/${mini}`, { headers: admin, body: { autoStartWithoutBedCheck: false } }), { id: mini });
    expect((await start()).status).toBe(409);
    expect(await clearBed(viewer, mini)).toBe(403);
    expect(await clearBed(operator, mini)).toBe(200);
    expect(await db.event.count({ where: { type: "printer.bed", printerId: mini } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "printer.bed_cleared", target: mini } })).toBe(1);
    expect((await start()).status).toBe(202);
    expect(await clearBed(operator, "nope")).toBe(404);
  });

  it("shows the queue item of a job", async () => {
    const job = await db.job.create({ data: { printerId: mini, name: "bambu", status: "printing", startedAt: new Date(), queueItemId: "item-1" } });
    const res = await call(jobRoute.GET, testRequest("GET", `/api/jobs/${job.id}`, { headers: viewer }), { id: job.id });
    expect(await res.json()).toMatchObject({ queueItemId: "item-1" });
  });
});
