import { envChannels, resolveChannels, type ResolvedChannel } from "@/lib/alerts/notification-channels";
import type { ChannelName } from "@/lib/alerts/notification-schemas";
import { alertTransports, envAlertSettings, limitsFor, loadAlertSettings, type AlertSettings } from "@/lib/alerts/settings";
import { db } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { connectionColumns, readPrinterConnection, scrub, secretValues, type ConnectionRow } from "@/lib/printers/credentials";
import { createDriver, type DriverTuning } from "@/lib/printers/drivers";
import { isPrinterKind } from "@/lib/printers/registry";
import { offlineState, type PrinterConnection } from "@/lib/printers/types";
import type { WorkerService } from "@/worker/services";
import type { SupervisorConfig } from "./config";
import { FaultLog } from "./faults";
import { AlertNotifier } from "./notifier";
import { PrinterSession, type PrinterInfo } from "./session";
import { StatusBatch } from "./status-batch";

/**
 * Runs one driver per enabled printer, never more, while this worker holds the lease.
 *
 * How it learns about printers added, edited, disabled or removed: it re-reads the
 * Printer table every few seconds (one small query) rather than tailing events. Every
 * writer (API, CLI, a restored backup, a hand edit) is covered without having to
 * remember to announce itself, nothing is missed across a lease takeover, and a change
 * takes effect within one interval. The "printer.changed" events the API appends are
 * for browsers.
 *
 * Reconciling runs strictly one pass at a time; a changed printer's old session is
 * stopped before its new one starts, so two connections to one printer never overlap
 * (Bambu printers accept only a handful of clients).
 */

export interface SupervisorOptions {
  config: SupervisorConfig;
  tuning?: DriverTuning;
  /** Retry a driver that gave up on an auth or permanent failure after this long. */
  haltedRetryMs?: number;
  now?: () => number;
}

const log = logger("printers");

const configColumns = { ...connectionColumns, name: true, enabled: true } as const;

/** The Printer columns a session depends on (credentials compared separately). */
type ConfigRow = ConnectionRow & { name: string; enabled: boolean };

interface Running {
  session: PrinterSession;
  fingerprint: string;
  envelope: string;
  connection: PrinterConnection;
}

export class PrinterSupervisor implements WorkerService {
  readonly name = "printers";
  private readonly sessions = new Map<string, Running>();
  /** Printers whose session failed to start, and when to try again. */
  private readonly retryAt = new Map<string, number>();
  private readonly faults = new FaultLog(log);
  private readonly now: () => number;
  private settings: AlertSettings = envAlertSettings();
  private channels: Record<ChannelName, ResolvedChannel | null> = envChannels(this.settings);
  private settingsLoadedAt = Number.NEGATIVE_INFINITY;
  private notifier: AlertNotifier;
  private readonly statusBatch: StatusBatch;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pass: Promise<void> | null = null;
  private active = false;

  constructor(private readonly opts: SupervisorOptions) {
    this.now = opts.now ?? Date.now;
    this.notifier = this.newNotifier();
    this.statusBatch = new StatusBatch({ windowMs: opts.config.statusBatchMs });
  }

  private newNotifier(): AlertNotifier {
    const { locale } = alertTransports();
    return new AlertNotifier(
      () => this.channels,
      () => locale,
      { now: this.now },
    );
  }

  async start(): Promise<void> {
    this.active = true;
    this.notifier = this.newNotifier();
    this.notifier.start();
    await this.runPass();
  }

  async stop(): Promise<void> {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.pass;
    const running = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(running.map((r) => r.session.stop()));
    await this.statusBatch.flush();
    await this.notifier.stop();
    await this.notifier.idle();
    log.info({ printers: running.length }, "printer supervisor stopped");
  }

  /** The session of a connected printer, for command handlers. */
  session(printerId: string | null): PrinterSession | undefined {
    return printerId ? this.sessions.get(printerId)?.session : undefined;
  }

  /** Runs one reconcile pass now (tests; the loop runs them on its own). */
  async reconcileNow(): Promise<void> {
    await this.pass;
    await this.runPass(false);
  }

  stats() {
    const sessions = [...this.sessions.values()].map((r) => r.session);
    const faults: Record<string, number> = { ...this.faults.totals() };
    for (const s of sessions) for (const [kind, n] of Object.entries(s.faults.totals())) faults[kind] = (faults[kind] ?? 0) + n;
    return {
      printers: sessions.length,
      online: sessions.filter((s) => s.current().online).length,
      states: sessions.reduce((n, s) => n + s.counters.states, 0),
      events: sessions.reduce((n, s) => n + s.eventsAppended, 0),
      samples: sessions.reduce((n, s) => n + s.samplesTaken, 0),
      thinned: sessions.reduce((n, s) => n + s.counters.thinned, 0),
      invalidPayloads: sessions.reduce((n, s) => n + s.counters.invalidPayloads, 0),
      statusBatches: { ...this.statusBatch.counters },
      faults,
      notifications: { ...this.notifier.sent, failures: this.notifier.failures(), dropped: this.notifier.dropped },
    };
  }

  private async runPass(reschedule = true): Promise<void> {
    const pass = this.reconcile().finally(() => {
      this.pass = null;
      if (reschedule) this.schedule();
    });
    this.pass = pass;
    await pass;
  }

  private schedule(): void {
    if (!this.active) return;
    this.timer = setTimeout(() => void this.runPass(), this.opts.config.reconcileMs);
  }

  private async reconcile(): Promise<void> {
    await this.faults.guard("settings", () => this.reloadSettings());
    let rows;
    try {
      rows = await db.printer.findMany({ where: { deletedAt: null }, select: configColumns });
      this.faults.ok("db.printers");
    } catch (err) {
      this.faults.fail("db.printers", err);
      return;
    }
    const wanted = new Map(rows.filter((r) => r.enabled && isPrinterKind(r.kind)).map((r) => [r.id, r]));
    for (const [id, running] of [...this.sessions]) {
      if (!this.active) return;
      if (!wanted.has(id)) await this.retire(id, running, rows.some((r) => r.id === id));
    }
    for (const row of wanted.values()) {
      if (!this.active) return;
      await this.faults.guard("session.start", () => this.ensure(row));
    }
  }

  private async reloadSettings(): Promise<void> {
    if (this.now() - this.settingsLoadedAt < this.opts.config.settingsReloadMs) return;
    this.settings = await loadAlertSettings();
    this.channels = await resolveChannels(this.settings);
    this.settingsLoadedAt = this.now();
  }

  /** Stops a session whose printer was disabled (its status then reads offline) or removed. */
  private async retire(id: string, running: Running, stillExists: boolean): Promise<void> {
    this.sessions.delete(id);
    await running.session.stop(stillExists ? offlineState(running.session.current()) : undefined);
    log.info({ printerId: id, reason: stillExists ? "disabled" : "removed" }, "printer session stopped");
  }

  private async ensure(row: ConfigRow): Promise<void> {
    // A new name needs no reconnect: only connection settings and credentials do.
    const { credentials, name, ...config } = row;
    const fingerprint = JSON.stringify(config);
    const running = this.sessions.get(row.id);
    const now = this.now();
    running?.session.rename(name);
    if (running && running.fingerprint === fingerprint) {
      if (running.envelope === credentials && !this.haltedLongEnough(running.session, now)) return;
      if (running.envelope !== credentials && !running.session.haltedAt) {
        // Re-encrypted (keys:rotate) or really changed? Only a real change is worth a reconnect.
        const fresh = await readPrinterConnection(row.id, "driver");
        if (JSON.stringify(fresh) === JSON.stringify(running.connection)) {
          running.envelope = credentials;
          return;
        }
      }
    }
    if (!running && (this.retryAt.get(row.id) ?? 0) > now) return;
    if (running) {
      this.sessions.delete(row.id);
      await running.session.stop();
    }
    try {
      await this.launch(row.id, row.name, fingerprint, credentials);
      this.retryAt.delete(row.id);
    } catch (err) {
      this.retryAt.set(row.id, now + Math.max(this.opts.config.reconcileMs * 10, 30_000));
      throw err;
    }
  }

  private haltedLongEnough(session: PrinterSession, now: number): boolean {
    return session.haltedAt !== null && now - session.haltedAt >= (this.opts.haltedRetryMs ?? 300_000);
  }

  private async launch(id: string, name: string, fingerprint: string, envelope: string): Promise<void> {
    const connection = await readPrinterConnection(id, "driver");
    const driver = await createDriver(connection, this.opts.tuning);
    const secrets = secretValues(connection);
    const info: PrinterInfo = { id, name, kind: connection.kind };
    const session = new PrinterSession(info, driver, {
      config: this.opts.config,
      settings: () => limitsFor(this.settings, connection.kind),
      raised: (printer, notice) => this.notifier.notify({ id: printer.id, name: printer.name }, notice),
      scrub: (text) => scrub(text, secrets),
      now: this.now,
      statusBatch: this.statusBatch,
    });
    try {
      await session.start();
    } catch (err) {
      await driver.stop().catch(() => undefined);
      throw err;
    }
    this.sessions.set(id, { session, fingerprint, envelope, connection });
    log.info({ printerId: id, kind: connection.kind, host: connection.host }, "printer session started");
  }
}
