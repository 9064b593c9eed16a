import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as datevRoute from "@/app/api/reports/datev.csv/route";
import * as jobRoute from "@/app/api/reports/jobs/[id]/route";
import * as csvRoute from "@/app/api/reports/jobs.csv/route";
import * as monthsRoute from "@/app/api/reports/months/route";
import * as ratesRoute from "@/app/api/reports/rates/route";
import * as summaryRoute from "@/app/api/reports/summary/route";
import * as materialsRoute from "@/app/api/materials/route";
import * as spoolsRoute from "@/app/api/spools/route";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { berlinDay } from "@/lib/format/date";
import { useTempDatabase } from "@/testing/db/temp-database";
import { parseCsv } from "../exports/csv";
import { onJobFinished } from "../on-job-finished";
import { reportSummarySchema } from "./summary";

/** A simulated month of printing, as the worker would record it, through cost, report and exports. */

let cleanup: () => Promise<void>;
let admin: Record<string, string>;
let viewer: Record<string, string>;
let accountant: Record<string, string>;
let a1: string;
const CLIENT_IP = "203.0.113.77";
const ACCESS_CODE = "12345678";

async function finished(
  printerJobId: string,
  start: string,
  end: string,
  grams: number,
  fields: { businessUse?: boolean; customer?: string; name?: string; labourMinutes?: number } = {},
) {
  const job = await db.job.create({
    data: {
      printerId: a1,
      printerJobId,
      name: fields.name ?? `Part ${printerJobId}`,
      status: "finished",
      startedAt: new Date(start),
      endedAt: new Date(end),
      durationSeconds: Math.round((Date.parse(end) - Date.parse(start)) / 1000),
      filamentGrams: grams,
      progress: 100,
      businessUse: fields.businessUse ?? true,
      customer: fields.customer ?? null,
      labourMinutes: fields.labourMinutes ?? null,
    },
  });
  await onJobFinished(job.id);
  return job.id;
}

function withIp(headers: Record<string, string>) {
  return { ...headers, "x-forwarded-for": CLIENT_IP };
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  const adminUser = await createUser({ email: "a@example.com", name: "Admin", password: "admin password", role: "admin" }, { actor: { type: "system" } });
  admin = await browserHeaders(adminUser);
  viewer = await browserHeaders(await createUser({ email: "v@example.com", name: "Viewer", password: "viewer password", role: "viewer" }, { actor: { type: "system" } }));
  accountant = await browserHeaders(await createUser({ email: "b@example.com", name: "Books", password: "books password", role: "accountant" }, { actor: { type: "system" } }));
  a1 = (
    await db.printer.create({
      data: { name: "A1 links", kind: "bambu", host: "127.0.0.1", model: "A1", serial: "03919C461801234", credentials: JSON.stringify({ accessCode: ACCESS_CODE }) },
    })
  ).id;
  const rate = await call(
    ratesRoute.POST,
    testRequest("POST", "/api/reports/rates", {
      headers: withIp(admin),
      body: { validFrom: "2026-01-01", electricityCentsPerKwh: "30", machineCentsPerHour: "80", labourCentsPerHour: "3000", printerPowerWatts: 150, defaultMarkupBp: 2000, vatMode: "standard", defaultVatRateBp: 1900 },
    }),
  );
  expect(rate.status).toBe(201);
  const material = await call(
    materialsRoute.POST,
    testRequest("POST", "/api/materials", { headers: withIp(admin), body: { type: "PETG", brand: "Prusament", color: "Orange", pricePerKgCents: 2990 } }),
  );
  expect(material.status).toBe(201);
  const { id: materialId } = (await material.json()) as { id: string };
  const spool = await call(
    spoolsRoute.POST,
    testRequest("POST", "/api/spools", { headers: withIp(admin), body: { materialId, initialGrams: 1000, printerId: a1, slot: "ams0-tray0" } }),
  );
  expect(spool.status).toBe(201);
  const second = await call(
    spoolsRoute.POST,
    testRequest("POST", "/api/spools", { headers: admin, body: { materialId, initialGrams: 1000, printerId: a1, slot: "ams0-tray0" } }),
  );
  expect(second.status).toBe(409);

  await finished("1", "2026-03-02T08:00:00Z", "2026-03-02T10:30:00Z", 42.5, { customer: "Muster GmbH", name: "=HYPERLINK(\"x\")", labourMinutes: 20 });
  await finished("2", "2026-03-14T17:00:00Z", "2026-03-14T19:00:00Z", 10.25, { customer: "Kunde; mit \"Semikolon\"" });
  await finished("3", "2026-03-20T16:00:00Z", "2026-03-20T18:00:00Z", 5, { businessUse: false });
  // 00:30 on 1 April in Berlin: April, not March.
  await finished("4", "2026-03-31T20:00:00Z", "2026-03-31T22:30:00Z", 7);
});
afterAll(() => cleanup());

async function summary(from: string, to: string) {
  const res = await call(summaryRoute.GET, testRequest("GET", `/api/reports/summary?from=${from}&to=${to}`, { headers: accountant }));
  expect(res.status).toBe(200);
  return reportSummarySchema.parse(await res.json());
}

const cents = (text: string, decimal: string) => (text === "" ? 0 : Math.round(Number(text.replace(decimal, ".")) * 100));

describe("reports", () => {
  it("sums March in Berlin time by printer, customer and use", async () => {
    const march = await summary("2026-03-01", "2026-03-31");
    expect(march.total.jobs).toBe(3);
    expect(march.total.unpricedJobs).toBe(0);
    expect(march.byUse.map((group) => [group.key, group.jobs])).toEqual([
      ["business", 2],
      ["private", 1],
    ]);
    expect(march.byPrinter).toHaveLength(1);
    expect(march.byPrinter[0].label).toBe("A1 links");
    expect(march.total.netCents).toBe(march.vat.netCents);
    expect(march.total.grossCents).toBe(march.total.netCents + march.total.vatCents);
    expect(march.vat.groups.find((group) => group.treatment === "private")).toMatchObject({ jobCount: 1, vatCents: 0 });
    // 2 March 09:00-11:30 Berlin: all inside; 14 March is a Saturday: all outside.
    expect(march.total.insideBusinessHours).toBe(2.5 + 1);
    expect(march.total.filamentKg).toBeCloseTo(0.058, 3);
    const april = await summary("2026-04-01", "2026-04-30");
    expect(april.total.jobs).toBe(1);
  });

  for (const locale of ["de", "en"] as const) {
    it(`CSV (${locale}) parses back to the summary's figures`, async () => {
      const res = await call(csvRoute.GET, testRequest("GET", `/api/reports/jobs.csv?from=2026-03-01&to=2026-03-31&locale=${locale}`, { headers: withIp(accountant) }));
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      expect(hasBom).toBe(locale === "de");
      const text = new TextDecoder().decode(bytes);
      const separator = locale === "de" ? ";" : ",";
      const decimal = locale === "de" ? "," : ".";
      const [header, ...rows] = parseCsv(text, separator);
      expect(header).toHaveLength(18);
      expect(rows).toHaveLength(3);
      const march = await summary("2026-03-01", "2026-03-31");
      const column = (index: number) => rows.reduce((sum, row) => sum + cents(row[index], decimal), 0);
      expect(rows.map((row) => row[10])).toEqual(["20", "0", "0"]);
      // 20 minutes at 30.00 €/h.
      expect(column(11)).toBe(1000);
      expect(march.total.labourCents).toBe(1000);
      expect(march.total.labourHours).toBe(0.33);
      expect(column(12)).toBe(march.total.netCents);
      expect(column(14)).toBe(march.total.vatCents);
      expect(column(15)).toBe(march.total.grossCents);
      expect(rows[0][0]).toBe(locale === "de" ? "02.03.2026" : "2026-03-02");
      expect(rows[0][1]).toBe("'=HYPERLINK(\"x\")");
      expect(rows[1][3]).toBe("Kunde; mit \"Semikolon\"");
      expect(text).not.toContain("03919C461801234");
    });
  }

  it("exports a DATEV Buchungsstapel of the business revenue in Windows-1252", async () => {
    const res = await call(datevRoute.GET, testRequest("GET", "/api/reports/datev.csv?from=2026-03-01&to=2026-03-31", { headers: withIp(accountant) }));
    expect(res.status).toBe(200);
    const text = new TextDecoder("windows-1252").decode(await res.arrayBuffer());
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toMatch(/^"EXTF";700;21;"Buchungsstapel";13;\d{17};;"RE";"";"";1001;1;20260101;4;20260301;20260331;/);
    expect(lines[0]).toContain(';"03";');
    expect(lines[1]).toContain('"Gegenkonto (ohne BU-Schlüssel)"');
    const bookings = lines.slice(2).map((line) => line.split(";"));
    expect(bookings).toHaveLength(2);
    const march = await summary("2026-03-01", "2026-03-31");
    const business = march.byUse.find((group) => group.key === "business");
    expect(bookings.reduce((sum, row) => sum + cents(row[0], ","), 0)).toBe(business?.grossCents);
    expect(bookings[0].slice(1, 10)).toEqual(['"S"', '"EUR"', "", "", '""', "1400", "8400", '""', "0203"]);
    const cross = await call(datevRoute.GET, testRequest("GET", "/api/reports/datev.csv?from=2025-12-01&to=2026-01-31", { headers: accountant }));
    expect(cross.status).toBe(422);
  });

  it("audits every export, with the client address only as a keyed hash", async () => {
    const exports = await db.auditLog.findMany({ where: { action: "report.export" } });
    expect(exports.map((entry) => entry.target).sort()).toEqual(["datev.csv", "jobs.csv", "jobs.csv"]);
    for (const entry of await db.auditLog.findMany()) {
      expect(JSON.stringify(entry)).not.toContain(CLIENT_IP);
    }
    expect(exports.every((entry) => entry.ipHash !== null)).toBe(true);
  });
});

describe("job business fields and month close over the API", () => {
  it("refuses viewers, edits the job, closes the month and then refuses the customer change", async () => {
    const job = await db.job.findFirstOrThrow({ where: { printerJobId: "2" } });
    const forbidden = await call(jobRoute.PATCH, testRequest("PATCH", `/api/reports/jobs/${job.id}`, { headers: viewer, body: { customer: "X" } }), { id: job.id });
    expect(forbidden.status).toBe(403);
    const ok = await call(jobRoute.PATCH, testRequest("PATCH", `/api/reports/jobs/${job.id}`, { headers: admin, body: { orderReference: "A-2026-017" } }), { id: job.id });
    expect(ok.status).toBe(200);
    const close = await call(monthsRoute.POST, testRequest("POST", "/api/reports/months", { headers: admin, body: { year: 2026, month: 3 } }));
    expect(close.status).toBe(201);
    const refused = await call(jobRoute.PATCH, testRequest("PATCH", `/api/reports/jobs/${job.id}`, { headers: admin, body: { customer: "Y" } }), { id: job.id });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "conflict", details: { reason: "month_closed" } } });
  });

  it("books labour entered after the month close as a correction, never as an edit of the booked cost", async () => {
    const job = await db.job.findFirstOrThrow({ where: { printerJobId: "2" } });
    const booked = await db.jobCost.findUniqueOrThrow({ where: { jobId: job.id } });
    const closedMarch = await summary("2026-03-01", "2026-03-31");
    const res = await call(jobRoute.PATCH, testRequest("PATCH", `/api/reports/jobs/${job.id}`, { headers: admin, body: { labourMinutes: 30 } }), { id: job.id });
    expect(res.status).toBe(200);
    const view = (await res.json()) as { labourMinutes: number; correctionId: number | null; cost: { netCents: number } };
    expect(view.labourMinutes).toBe(30);
    expect(view.correctionId).not.toBeNull();
    expect(await db.jobCost.findUniqueOrThrow({ where: { jobId: job.id } })).toEqual(booked);
    const correction = await db.jobCostCorrection.findUniqueOrThrow({ where: { id: view.correctionId ?? 0 } });
    // 30 minutes at 30.00 €/h = 15.00 €, plus the 20 % markup on it.
    expect(correction.deltaNetCents).toBe(1800);
    expect(view.cost.netCents).toBe(booked.netCents + 1800);
    expect((await summary("2026-03-01", "2026-03-31")).total).toEqual(closedMarch.total);

    // The correction is booked in the month it was made: both exports of that month carry it.
    const today = berlinDay(new Date());
    const range = `from=${today.slice(0, 8)}01&to=${today}`;
    const csv = parseCsv(await (await call(csvRoute.GET, testRequest("GET", `/api/reports/jobs.csv?${range}&locale=de`, { headers: admin }))).text(), ";");
    const line = csv.find((row) => row[6]?.startsWith("Korrektur"));
    expect(line?.slice(12, 16)).toEqual(["18,00", "19,00", "3,42", "21,42"]);
    const datev = new TextDecoder("windows-1252").decode(await (await call(datevRoute.GET, testRequest("GET", `/api/reports/datev.csv?${range}`, { headers: admin }))).arrayBuffer());
    const bookings = datev.split("\r\n").filter(Boolean).slice(2).map((row) => row.split(";"));
    expect(bookings.map((row) => [row[0], row[1], row[9]])).toContainEqual(["21,42", '"S"', `${today.slice(8, 10)}${today.slice(5, 7)}`]);
  });

  it("never sends a printer credential in any response", async () => {
    const responses = [
      await call(spoolsRoute.GET, testRequest("GET", "/api/spools", { headers: admin })),
      await call(summaryRoute.GET, testRequest("GET", "/api/reports/summary?from=2026-01-01&to=2026-12-31", { headers: admin })),
    ];
    for (const res of responses) {
      const body = await res.text();
      expect(body).not.toContain(ACCESS_CODE);
      expect(body).not.toContain(CLIENT_IP);
    }
  });
});
