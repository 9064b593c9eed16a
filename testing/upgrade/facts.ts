import { listApiTokens } from "@/lib/auth/tokens";
import { listUsers } from "@/lib/auth/users";
import { listMaterials, listSpools } from "@/lib/business/inventory/inventory";
import { listClosedMonths } from "@/lib/business/costing/month-close";
import { listRates } from "@/lib/business/rates/rates";
import { reportSummary } from "@/lib/business/reports/summary";
import { readBusinessSettings } from "@/lib/business/settings/settings";
import { db } from "@/lib/db";
import { listFiles } from "@/lib/files/list";
import { fileListQuerySchema } from "@/lib/files/schemas";
import { readPrinterConnection } from "@/lib/printers/credentials";
import { listPrinters } from "@/lib/printers/repository";

/**
 * The stored data as the product's own read paths show it, as plain JSON. The seed
 * records these from the old release; the upgrade test reads them again with the new
 * code and expects the same. One entry per area: whoever changes how an area is stored
 * or shown adds or adjusts its entry here and in the seed, and records a new fixture.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Dates as ISO strings, BigInts as numbers: what the JSON fixture holds. */
export function plain(value: unknown): Json {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? Number(v) : v))) as Json;
}

function monthRange(year: number, month: number): { from: string; to: string } {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, "0");
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, "0")}` };
}

export async function readAudit(): Promise<Json> {
  return plain(
    await db.auditLog.findMany({
      orderBy: { id: "asc" },
      select: { id: true, createdAt: true, actorType: true, actorId: true, action: true, target: true, details: true, ipHash: true },
    }),
  );
}

export async function readFacts(months: readonly { from: string; to: string }[]): Promise<Record<string, Json>> {
  // First: the reads below that open credentials add audit rows of their own.
  const audit = await readAudit();
  const users = await listUsers();
  // Scopes are new (token_scopes migration); upgrade.test.ts checks them on their own.
  const tokens = await Promise.all(
    users.map(async (user) => ({ owner: user.email, tokens: (await listApiTokens(user.id)).map(({ scopes: _scopes, ...kept }) => kept) })),
  );
  const printers = await listPrinters();
  const connections = await Promise.all(printers.map(async (p) => ({ name: p.name, connection: await readPrinterConnection(p.id, "upgrade-check") })));
  const jobs = await db.job.findMany({
    orderBy: { startedAt: "asc" },
    select: {
      id: true,
      printer: { select: { name: true } },
      printerJobId: true,
      name: true,
      status: true,
      startedAt: true,
      endedAt: true,
      filamentGrams: true,
      businessUse: true,
      customer: true,
      labourMinutes: true,
    },
  });
  const costs = await db.jobCost.findMany({
    orderBy: { jobId: "asc" },
    select: {
      jobId: true,
      lines: true,
      netCents: true,
      vatCents: true,
      grossCents: true,
      vatRateBp: true,
      treatment: true,
      priceVersion: true,
      periodYear: true,
      periodMonth: true,
    },
  });
  const corrections = await db.jobCostCorrection.findMany({ orderBy: { id: "asc" } });
  const spoolUses = await db.jobSpoolUse.findMany({ orderBy: [{ jobId: "asc" }, { spoolId: "asc" }] });
  // Corrections are reported in the month they were booked in, which is when the seed ran.
  const correctionMonths = corrections.map((c) => monthRange(c.periodYear, c.periodMonth));
  const reports = await Promise.all(
    [...months, ...correctionMonths].map(async ({ from, to }) => ({ from, to, summary: await reportSummary(from, to) })),
  );
  const business = await readBusinessSettings();
  const alerts = await db.alert.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, printerId: true, type: true, severity: true, params: true, resolvedAt: true, acknowledgedAt: true, acknowledgedById: true },
  });
  const files = await listFiles(fileListQuerySchema.parse({ sort: "name", pageSize: 200 }));
  const downloads = await db.download.findMany({
    orderBy: { queuedAt: "asc" },
    select: { id: true, printerFileId: true, printerId: true, status: true, createdById: true },
  });
  return {
    audit,
    users: plain(users),
    tokens: plain(tokens),
    printers: plain(printers),
    connections: plain(connections),
    jobs: plain(jobs),
    costs: plain(costs),
    corrections: plain(corrections),
    closedMonths: plain(await listClosedMonths()),
    spoolUses: plain(spoolUses),
    reports: plain(reports),
    rates: plain(await listRates()),
    materials: plain(await listMaterials()),
    spools: plain(await listSpools(business.lowStockGrams)),
    alerts: plain(alerts),
    files: plain(files),
    downloads: plain(downloads),
  };
}
