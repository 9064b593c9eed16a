import { z } from "zod";

/**
 * Tuning of the printer supervisor, from the environment (documented in the README's
 * configuration table). Tests and the benchmark pass their own values.
 */

const envSchema = z.object({
  /** How often the Printer table is re-read for added, changed, disabled and removed printers. */
  PRINTERNIZER_PRINTER_RECONCILE_MS: z.coerce.number().int().min(200).default(3_000),
  /** At most one printer.state event per printer per this interval. */
  PRINTERNIZER_PRINTER_EVENT_MIN_MS: z.coerce.number().int().min(100).default(1_000),
  /** A change of state, job, errors or targets goes out after at most this since the last event. */
  PRINTERNIZER_PRINTER_URGENT_EVENT_MIN_MS: z.coerce.number().int().min(20).default(100),
  PRINTERNIZER_SAMPLE_PRINTING_S: z.coerce.number().int().min(1).default(10),
  PRINTERNIZER_SAMPLE_IDLE_S: z.coerce.number().int().min(1).default(60),
  /** Job progress is written at most this often (status changes at once). */
  PRINTERNIZER_JOB_PROGRESS_WRITE_MS: z.coerce.number().int().min(100).default(5_000),
  PRINTERNIZER_SNAPSHOT_TTL_MS: z.coerce.number().int().min(0).default(3_000),
  /** Routine status writes of all printers wait up to this long to share one transaction (urgent ones do not wait). */
  PRINTERNIZER_PRINTER_WRITE_BATCH_MS: z.coerce.number().int().min(0).max(1_000).default(50),
});

export interface SupervisorConfig {
  reconcileMs: number;
  eventMinIntervalMs: number;
  urgentEventMinIntervalMs: number;
  /** Status row refreshed at least this often while messages arrive (lastMessageAt). */
  statusHeartbeatMs: number;
  /** The raw payload kept for diagnosis is refreshed at most this often. */
  rawEveryMs: number;
  samplePrintingMs: number;
  sampleIdleMs: number;
  progressWriteMs: number;
  /** Time-based rules (offline, heating) are looked at this often without new states. */
  alertTickMs: number;
  snapshotTtlMs: number;
  /** Routine status writes of all printers are gathered this long into one transaction. */
  statusBatchMs: number;
  commandTimeoutMs: number;
  /** Reloading alert settings from the Setting table. */
  settingsReloadMs: number;
}

export function supervisorConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SupervisorConfig {
  const e = envSchema.parse(env);
  return {
    reconcileMs: e.PRINTERNIZER_PRINTER_RECONCILE_MS,
    eventMinIntervalMs: e.PRINTERNIZER_PRINTER_EVENT_MIN_MS,
    urgentEventMinIntervalMs: e.PRINTERNIZER_PRINTER_URGENT_EVENT_MIN_MS,
    statusHeartbeatMs: 30_000,
    rawEveryMs: 30_000,
    samplePrintingMs: e.PRINTERNIZER_SAMPLE_PRINTING_S * 1000,
    sampleIdleMs: e.PRINTERNIZER_SAMPLE_IDLE_S * 1000,
    progressWriteMs: e.PRINTERNIZER_JOB_PROGRESS_WRITE_MS,
    alertTickMs: 5_000,
    snapshotTtlMs: e.PRINTERNIZER_SNAPSHOT_TTL_MS,
    statusBatchMs: e.PRINTERNIZER_PRINTER_WRITE_BATCH_MS,
    commandTimeoutMs: 15_000,
    settingsReloadMs: 15_000,
  };
}
