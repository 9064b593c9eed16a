import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PRINTERNIZER_METRICS_TOKEN = "scrape-token-for-tests-0123456789";
  process.env.PRINTERNIZER_METRICS_ALLOW = "127.0.0.1/32,10.20.0.0/16";
  process.env.PRINTERNIZER_SECRET_KEY = "metrics-test-secret";
  process.env.PRINTERNIZER_SECRET_KEY_CREATED = new Date(Date.now() - 10 * 86_400_000).toISOString();
});

import { GET } from "@/app/api/metrics/route";
import { GET as health } from "@/app/api/health/route";
import { call, testRequest } from "@/testing/api/requests";
import { recordBackupSuccess } from "@/lib/backup/state";
import { berlinMonthOf } from "@/lib/business/calendar";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { emptyState } from "@/lib/printers/types";
import { parseAllowList, decideScrape } from "./access";
import { parseExposition, type Sample } from "./exposition";

let cleanup: () => Promise<void>;
const token = "scrape-token-for-tests-0123456789";

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
});
afterAll(async () => cleanup());

function scrape(headers: Record<string, string>): Promise<Response> {
  return call(GET, testRequest("GET", "/api/metrics", { headers }));
}

async function samples(): Promise<Sample[]> {
  const res = await scrape({ authorization: `Bearer ${token}` });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
  return parseExposition(await res.text()).samples;
}

function value(all: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return all.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

describe("GET /api/metrics access", () => {
  it("admits the scrape token and allowed addresses, refuses everyone else", async () => {
    expect((await scrape({ authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await scrape({ "x-forwarded-for": "127.0.0.1" })).status).toBe(200);
    expect((await scrape({ "x-forwarded-for": "10.20.3.4" })).status).toBe(200);
    expect((await scrape({ "x-forwarded-for": "10.21.3.4" })).status).toBe(401);
    expect((await scrape({ "x-forwarded-for": "127.0.0.1", authorization: "Bearer wrong-token" })).status).toBe(401);
    expect((await scrape({})).status).toBe(401);
  });

  it("answers 403 to a foreign address when no token is configured", () => {
    const access = { token: undefined, allow: parseAllowList("127.0.0.1/32,::1") };
    expect(decideScrape(access, null, "192.168.1.9")).toBe("forbidden");
    expect(decideScrape(access, null, "::1")).toBe("allowed");
    expect(decideScrape(access, "Bearer anything", "127.0.0.1")).toBe("unauthorized");
    expect(() => parseAllowList("10.0.0.0/33")).toThrow(/prefix/);
    expect(() => parseAllowList("printer.local")).toThrow(/not an address/);
  });
});

describe("GET /api/metrics values", () => {
  it("leaves out what is unknown on a fresh installation instead of reporting 0", async () => {
    const fresh = await samples();
    expect(value(fresh, "printernizer_backup_last_success_timestamp_seconds")).toBeUndefined();
    expect(value(fresh, "printernizer_worker_heartbeat_age_seconds")).toBeUndefined();
    expect(value(fresh, "printernizer_backup_last_failed")).toBe(0);
    expect(value(fresh, "printernizer_revenue_month_net_cents")).toBe(0);
  });

  it("reflects the database rows and the process's own instruments", async () => {
    const now = new Date();
    const printer = await db.printer.create({
      data: { name: "A1 links", kind: "bambu", host: "127.0.0.1", model: "A1", credentials: "{}" },
    });
    const state = {
      ...emptyState(),
      online: true,
      state: "printing" as const,
      nozzle: { current: 219.5, target: 220 },
      bed: { current: 64, target: 65 },
      progress: 42,
    };
    await db.printerStatus.create({
      data: {
        printerId: printer.id,
        online: true,
        state: "printing",
        data: JSON.stringify(state),
        lastMessageAt: new Date(now.getTime() - 5_000),
        reconnects: 3,
      },
    });
    const job = { printerId: printer.id, name: "Halter", startedAt: now };
    await db.job.createMany({ data: [{ ...job, status: "printing" }, { ...job, status: "finished" }, { ...job, status: "finished" }] });
    await db.alert.createMany({
      data: [
        { printerId: printer.id, type: "overheat", severity: "critical", params: "{}" },
        { printerId: printer.id, type: "overheat", severity: "critical", params: "{}", resolvedAt: now },
      ],
    });
    await db.lease.create({
      data: { name: "worker", holder: "host:1:abc", acquiredAt: now, expiresAt: new Date(now.getTime() + 60_000), heartbeatAt: new Date(now.getTime() - 2_000) },
    });
    await db.command.createMany({ data: [{ type: "worker.ping", payload: "{}" }, { type: "worker.ping", payload: "{}", status: "succeeded" }] });
    const { year, month } = berlinMonthOf(now);
    await db.jobCost.create({
      data: { jobId: "j1", lines: "[]", netCents: 1000, vatCents: 190, grossCents: 1190, vatRateBp: 1900, treatment: "vat", computedAt: now, priceVersion: "r1", periodYear: year, periodMonth: month },
    });
    await db.queueItem.createMany({
      data: [
        { batchId: "b", position: 1, fileId: "f", status: "waiting_for_bed" },
        { batchId: "b", position: 2, fileId: "f", status: "waiting_for_bed" },
        { batchId: "b", position: 3, fileId: "f", status: "done" },
      ],
    });
    await recordBackupSuccess({ at: "2026-11-20T01:30:00.000Z", file: "x.db", sizeBytes: 4096, filesArchive: null, filesArchiveBytes: null, durationMs: 1500 });
    await call(health, testRequest("GET", "/api/health"));

    const all = await samples();
    const p = { printer_id: printer.id, printer: "A1 links", kind: "bambu" };
    expect(value(all, "printernizer_printer_up", p)).toBe(1);
    expect(value(all, "printernizer_printer_state", { ...p, state: "printing" })).toBe(1);
    expect(value(all, "printernizer_printer_state", { ...p, state: "idle" })).toBe(0);
    expect(value(all, "printernizer_printer_temperature_celsius", { ...p, sensor: "nozzle" })).toBe(219.5);
    expect(value(all, "printernizer_printer_target_temperature_celsius", { ...p, sensor: "bed" })).toBe(65);
    expect(value(all, "printernizer_printer_temperature_celsius", { ...p, sensor: "chamber" })).toBeUndefined();
    expect(value(all, "printernizer_printer_progress_ratio", p)).toBe(0.42);
    expect(value(all, "printernizer_printer_last_message_age_seconds", p)).toBeGreaterThanOrEqual(5);
    expect(value(all, "printernizer_printer_reconnects", p)).toBe(3);
    expect(value(all, "printernizer_jobs", { status: "finished" })).toBe(2);
    expect(value(all, "printernizer_jobs", { status: "printing" })).toBe(1);
    expect(value(all, "printernizer_queue_items", { status: "waiting_for_bed" })).toBe(2);
    expect(value(all, "printernizer_queue_items", { status: "done" })).toBe(1);
    expect(value(all, "printernizer_queue_items", { status: "dispatching" })).toBe(0);
    expect(value(all, "printernizer_printer_beds_to_clear")).toBe(1);
    expect(value(all, "printernizer_alerts_open", { type: "overheat", severity: "critical" })).toBe(1);
    expect(value(all, "printernizer_worker_lease_holder", { holder: "host:1:abc" })).toBe(1);
    expect(value(all, "printernizer_worker_heartbeat_age_seconds")).toBeGreaterThanOrEqual(2);
    expect(value(all, "printernizer_command_queue_length", { status: "pending" })).toBe(1);
    expect(value(all, "printernizer_command_queue_length", { status: "running" })).toBe(0);
    expect(value(all, "printernizer_credential_key_age_days")).toBe(10);
    expect(value(all, "printernizer_revenue_month_net_cents")).toBe(1000);
    expect(value(all, "printernizer_vat_month_cents")).toBe(190);
    expect(value(all, "printernizer_backup_last_success_timestamp_seconds")).toBe(Date.parse("2026-11-20T01:30:00.000Z") / 1000);
    expect(value(all, "printernizer_backup_last_failed")).toBe(0);
    expect(value(all, "printernizer_http_request_duration_seconds_count", { route: "/api/health", method: "GET", status: "200" })).toBe(1);
    expect(value(all, "printernizer_metrics_scrape_errors_total")).toBeUndefined();
    expect(all.some((s) => s.name === "process_cpu_user_seconds_total")).toBe(true);

    await db.printerStatus.update({ where: { printerId: printer.id }, data: { online: false, state: "offline" } });
    await db.printer.update({ where: { id: printer.id }, data: { deletedAt: now } });
    const after = await samples();
    expect(value(after, "printernizer_printer_up", p)).toBeUndefined();
  });
});
