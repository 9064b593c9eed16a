import { systemActor } from "@/lib/audit/audit";
import { createPrinter } from "@/lib/printers/repository";
import type { DriverTuning } from "@/lib/printers/registry";
import type { PrinterView } from "@/lib/printers/schemas";
import type { SupervisorConfig } from "@/worker/printers/config";

/**
 * For tests and the benchmark only (never imported by production code): fast timings,
 * printers for simulators, and polling until something is true.
 */

export const fastConfig: SupervisorConfig = {
  reconcileMs: 200,
  eventMinIntervalMs: 200,
  urgentEventMinIntervalMs: 50,
  statusHeartbeatMs: 2_000,
  rawEveryMs: 2_000,
  samplePrintingMs: 500,
  sampleIdleMs: 2_000,
  progressWriteMs: 200,
  alertTickMs: 200,
  snapshotTtlMs: 1_000,
  statusBatchMs: 20,
  commandTimeoutMs: 5_000,
  settingsReloadMs: 0,
};

export const fastTuning: DriverTuning = {
  bambu: {
    mqtt: {
      connectTimeoutMs: 3_000,
      keepaliveSeconds: 5,
      watchdogSilenceMs: 3_000,
      watchdogGraceMs: 2_000,
      pushallMinIntervalMs: 1_000,
      backoff: { initialMs: 200, maxMs: 1_500, factor: 2, jitter: 0.3 },
    },
    commandTimeoutMs: 4_000,
    cameraTimeoutMs: 4_000,
  },
  prusalink: {
    poll: {
      idleIntervalMs: 300,
      printingIntervalMs: 200,
      afterCommandIntervalMs: 100,
      afterCommandWindowMs: 2_000,
      backoffBaseMs: 200,
      backoffMaxMs: 1_500,
      offlineAfterFailures: 2,
      maxBoardShare: 0.9,
    },
    http: { connectTimeoutMs: 1_000, requestTimeoutMs: 2_000, headersTimeoutMs: 2_000 },
  },
  bambuTest: { stepTimeoutMs: 2_000, reportTimeoutMs: 3_000 },
  prusalinkTestTimeoutMs: 2_000,
};

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface BambuSimLike {
  host: string;
  serial: string;
  accessCode: string;
  model: string;
  mqttPort: number;
  ftpPort: number;
  cameraPort: number | null;
  caCertPem: string;
}

export function addBambuPrinter(sim: BambuSimLike, name: string): Promise<PrinterView> {
  return createPrinter(
    {
      name,
      kind: "bambu",
      host: sim.host,
      serial: sim.serial,
      accessCode: sim.accessCode,
      model: sim.model,
      mqttPort: sim.mqttPort,
      ftpPort: sim.ftpPort,
      ...(sim.cameraPort ? { cameraPort: sim.cameraPort } : {}),
      tls: "custom-ca",
      caCert: sim.caCertPem,
    },
    { actor: systemActor },
  );
}

export interface PrusaSimLike {
  host: string;
  port: number;
  username: string;
  password: string;
  model: string;
}

export function addPrusaPrinter(sim: PrusaSimLike, name: string): Promise<PrinterView> {
  return createPrinter(
    { name, kind: "prusalink", host: sim.host, httpPort: sim.port, username: sim.username, password: sim.password, model: sim.model },
    { actor: systemActor },
  );
}
