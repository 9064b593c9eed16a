import { existsSync } from "node:fs";
import { Gauge, type Registry } from "prom-client";
import { z } from "zod";
import { readBackupState } from "@/lib/backup/state";
import { berlinMonthOf } from "@/lib/business/calendar";
import { keyAgeDays, keyFilePath, loadKeyring } from "@/lib/crypto/keyring";
import { db } from "@/lib/db";
import { printerStates } from "@/lib/printers/types";
import { queueStatuses } from "@/lib/queue/schemas";
import { readWorkerStatus } from "@/lib/worker/lease";
import { instruments, recordScrapeError } from "@/lib/metrics/registry";

type PrinterLabels = "printer_id" | "printer" | "kind";

function gauges(registry: Registry) {
  const g = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name, help, labelNames, registers: [registry] });
  const printer = ["printer_id", "printer", "kind"] as const satisfies readonly PrinterLabels[];
  return {
    printerUp: g("printernizer_printer_up", "1 while the worker has a live connection to the printer", printer),
    printerState: g("printernizer_printer_state", "1 for the printer's current normalized state", [...printer, "state"]),
    temperature: g("printernizer_printer_temperature_celsius", "Current temperature by sensor", [...printer, "sensor"]),
    target: g("printernizer_printer_target_temperature_celsius", "Target temperature by sensor", [...printer, "sensor"]),
    progress: g("printernizer_printer_progress_ratio", "Progress of the current print, 0 to 1", printer),
    lastMessageAge: g("printernizer_printer_last_message_age_seconds", "Seconds since the printer last sent anything", printer),
    reconnects: g("printernizer_printer_reconnects", "Reconnects of the printer's session since it was added", printer),
    jobs: g("printernizer_jobs", "Print jobs by status", ["status"]),
    alertsOpen: g("printernizer_alerts_open", "Unresolved alerts by type and severity", ["type", "severity"]),
    heartbeatAge: g("printernizer_worker_heartbeat_age_seconds", "Seconds since the worker's last heartbeat"),
    leaseHolder: g("printernizer_worker_lease_holder", "1 for the worker currently holding the lease", ["holder"]),
    commandQueue: g("printernizer_command_queue_length", "Web-to-worker commands not yet finished", ["status"]),
    keyAge: g("printernizer_credential_key_age_days", "Age of the active credential encryption key"),
    backupLastSuccess: g("printernizer_backup_last_success_timestamp_seconds", "Unix time of the last verified backup"),
    backupLastSize: g("printernizer_backup_last_size_bytes", "Size of the last verified database backup"),
    backupLastDuration: g("printernizer_backup_last_duration_seconds", "Duration of the last successful backup"),
    backupLastFailed: g("printernizer_backup_last_failed", "1 when the latest backup attempt failed"),
    revenueNet: g("printernizer_revenue_month_net_cents", "Net revenue of finished jobs in the current Berlin month"),
    revenueGross: g("printernizer_revenue_month_gross_cents", "Gross revenue of finished jobs in the current Berlin month"),
    vat: g("printernizer_vat_month_cents", "VAT of finished jobs in the current Berlin month"),
    downloads: g("printernizer_downloads", "Downloads in the queue and history by status", ["status"]),
    downloadBytes: g("printernizer_download_bytes", "Bytes transferred by the downloads on record, by status", ["status"]),
    queueItems: g("printernizer_queue_items", "Print queue items by status", ["status"]),
    bedsToClear: g("printernizer_printer_beds_to_clear", "Printers whose bed waits for an operator to confirm it clear"),
  };
}

type DatabaseGauges = ReturnType<typeof gauges>;
const holder = globalThis as typeof globalThis & { __printernizerDbGauges?: DatabaseGauges };

function databaseGauges(): DatabaseGauges {
  holder.__printernizerDbGauges ??= gauges(instruments().registry);
  return holder.__printernizerDbGauges;
}

/** The parts of PrinterStatus.data (NormalizedState) the gauges read; tolerant of older rows. */
const temperature = z.object({ current: z.number().nullable(), target: z.number().nullable() }).nullish();
const statusData = z.object({
  nozzle: temperature,
  bed: temperature,
  chamber: temperature,
  progress: z.number().nullable().optional(),
});

function parseStatusData(raw: string): z.infer<typeof statusData> | null {
  try {
    const parsed = statusData.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function table(name: string, read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch {
    recordScrapeError(name);
  }
}

async function printers(m: DatabaseGauges, now: Date): Promise<void> {
  const rows = await db.printerStatus.findMany({
    where: { printer: { deletedAt: null } },
    select: {
      printerId: true,
      online: true,
      state: true,
      data: true,
      lastMessageAt: true,
      reconnects: true,
      printer: { select: { name: true, kind: true } },
    },
  });
  for (const row of rows) {
    const labels = { printer_id: row.printerId, printer: row.printer.name, kind: row.printer.kind };
    m.printerUp.set(labels, row.online ? 1 : 0);
    for (const state of printerStates) m.printerState.set({ ...labels, state }, row.state === state ? 1 : 0);
    m.reconnects.set(labels, row.reconnects);
    if (row.lastMessageAt) m.lastMessageAge.set(labels, (now.getTime() - row.lastMessageAt.getTime()) / 1000);
    const data = parseStatusData(row.data);
    if (!data) continue;
    for (const sensor of ["nozzle", "bed", "chamber"] as const) {
      const reading = data[sensor];
      if (reading?.current != null) m.temperature.set({ ...labels, sensor }, reading.current);
      if (reading?.target != null) m.target.set({ ...labels, sensor }, reading.target);
    }
    if (data.progress != null) m.progress.set(labels, data.progress / 100);
  }
}

async function business(m: DatabaseGauges, now: Date): Promise<void> {
  const { year, month } = berlinMonthOf(now);
  const period = { periodYear: year, periodMonth: month };
  const [costs, corrections] = await Promise.all([
    db.jobCost.aggregate({ where: period, _sum: { netCents: true, vatCents: true, grossCents: true } }),
    db.jobCostCorrection.aggregate({
      where: period,
      _sum: { deltaNetCents: true, deltaVatCents: true, deltaGrossCents: true },
    }),
  ]);
  m.revenueNet.set((costs._sum.netCents ?? 0) + (corrections._sum.deltaNetCents ?? 0));
  m.revenueGross.set((costs._sum.grossCents ?? 0) + (corrections._sum.deltaGrossCents ?? 0));
  m.vat.set((costs._sum.vatCents ?? 0) + (corrections._sum.deltaVatCents ?? 0));
}

async function credentialKey(m: DatabaseGauges, now: Date): Promise<void> {
  // Loading the keyring creates a key file when none exists; that is the worker's job.
  if (!process.env.PRINTERNIZER_SECRET_KEY && !existsSync(keyFilePath())) return;
  const age = keyAgeDays((await loadKeyring()).active, now);
  if (age !== null) m.keyAge.set(age);
}

/**
 * Reads the database (one query per table, whatever the number of printers) and sets
 * every database-derived gauge. Series of printers or statuses that are gone disappear,
 * because every gauge is reset first.
 */
export async function refreshDatabaseGauges(now = new Date()): Promise<void> {
  const m = databaseGauges();
  for (const gauge of Object.values(m)) gauge.reset();
  // A value nobody knows (no worker yet, no backup yet, key age unknown) is absent, not 0:
  // 0 would read as "heartbeat just now" or "last backup in 1970".
  for (const gauge of [m.heartbeatAge, m.keyAge, m.backupLastSuccess, m.backupLastSize, m.backupLastDuration]) gauge.remove();
  await Promise.all([
    table("printer_status", () => printers(m, now)),
    table("job", async () => {
      for (const row of await db.job.groupBy({ by: ["status"], _count: { _all: true } })) {
        m.jobs.set({ status: row.status }, row._count._all);
      }
    }),
    table("alert", async () => {
      const rows = await db.alert.groupBy({ by: ["type", "severity"], where: { resolvedAt: null }, _count: { _all: true } });
      for (const row of rows) m.alertsOpen.set({ type: row.type, severity: row.severity }, row._count._all);
    }),
    table("lease", async () => {
      const status = await readWorkerStatus(now);
      if (status.heartbeatAgeMs !== null) m.heartbeatAge.set(status.heartbeatAgeMs / 1000);
      if (status.holder) m.leaseHolder.set({ holder: status.holder }, 1);
    }),
    table("command", async () => {
      m.commandQueue.set({ status: "pending" }, 0);
      m.commandQueue.set({ status: "running" }, 0);
      const rows = await db.command.groupBy({
        by: ["status"],
        where: { status: { in: ["pending", "running"] } },
        _count: { _all: true },
      });
      for (const row of rows) m.commandQueue.set({ status: row.status }, row._count._all);
    }),
    table("setting", async () => {
      const state = await readBackupState();
      m.backupLastFailed.set(state.lastError ? 1 : 0);
      if (!state.lastSuccess) return;
      m.backupLastSuccess.set(Date.parse(state.lastSuccess.at) / 1000);
      m.backupLastSize.set(state.lastSuccess.sizeBytes);
      m.backupLastDuration.set(state.lastSuccess.durationMs / 1000);
    }),
    table("job_cost", () => business(m, now)),
    table("download", async () => {
      const rows = await db.download.groupBy({ by: ["status"], _count: { _all: true }, _sum: { bytes: true } });
      for (const row of rows) {
        m.downloads.set({ status: row.status }, row._count._all);
        m.downloadBytes.set({ status: row.status }, Number(row._sum.bytes ?? 0));
      }
    }),
    table("queue_item", async () => {
      const rows = await db.queueItem.groupBy({ by: ["status"], _count: { _all: true } });
      for (const status of queueStatuses) m.queueItems.set({ status }, rows.find((row) => row.status === status)?._count._all ?? 0);
      m.bedsToClear.set(await db.printer.count({ where: { deletedAt: null, enabled: true, autoStartWithoutBedCheck: false, OR: [{ bedState: null }, { bedState: "needs_clearing" }] } }));
    }),
    table("credential_key", () => credentialKey(m, now)),
  ]);
}

let inFlight: Promise<string> | null = null;

/** The scrape body. Concurrent scrapes share one database read. */
export function scrapeMetrics(): Promise<string> {
  inFlight ??= refreshDatabaseGauges()
    .then(() => instruments().registry.metrics())
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/** Every metric family /api/metrics can serve (for checks of dashboards and alert rules). */
export function metricFamilies(): Map<string, string> {
  databaseGauges();
  return new Map(instruments().registry.getMetricsAsArray().map((metric) => [metric.name, String(metric.type)]));
}
