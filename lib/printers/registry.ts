import type { BambuDriverOptions, TestConnectionOptions } from "./bambu";
import type { PrusaLinkDriverOptions } from "./prusalink";
import type { ConnectionTestResult } from "./schemas";
import type { PrinterConnection, PrinterDriver, PrinterKind } from "./types";

/**
 * The one place that knows every printer kind: default ports, how to build a driver and
 * how to test a connection. Drivers load lazily, so web code that only needs the
 * defaults does not pull MQTT/FTP/HTTP clients into its bundle.
 */

export interface DriverTuning {
  bambu?: BambuDriverOptions;
  prusalink?: PrusaLinkDriverOptions;
  bambuTest?: TestConnectionOptions;
  prusalinkTestTimeoutMs?: number;
}

export interface DefaultPorts {
  mqttPort: number | null;
  ftpPort: number | null;
  cameraPort: number | null;
  httpPort: number | null;
}

const defaultPortsByKind: Record<PrinterKind, DefaultPorts> = {
  bambu: { mqttPort: 8883, ftpPort: 990, cameraPort: 6000, httpPort: null },
  prusalink: { mqttPort: null, ftpPort: null, cameraPort: null, httpPort: 80 },
};

export function defaultPorts(kind: PrinterKind): DefaultPorts {
  return defaultPortsByKind[kind];
}

export function isPrinterKind(value: string): value is PrinterKind {
  return value in defaultPortsByKind;
}

export async function createDriver(connection: PrinterConnection, tuning: DriverTuning = {}): Promise<PrinterDriver> {
  if (connection.kind === "bambu") {
    const { BambuDriver } = await import("./bambu");
    return new BambuDriver(connection, tuning.bambu);
  }
  const { PrusaLinkDriver } = await import("./prusalink");
  return new PrusaLinkDriver(connection, tuning.prusalink);
}

/** Never throws: every failure comes back as the stage it happened at and a message key. */
export async function testPrinterConnection(connection: PrinterConnection, tuning: DriverTuning = {}): Promise<ConnectionTestResult> {
  if (connection.kind === "bambu") {
    const { testBambuConnection } = await import("./bambu");
    const result = await testBambuConnection(connection, tuning.bambuTest);
    return result.ok ? result : { ok: false, stage: result.stage, message: result.message, detail: result.detail ?? null };
  }
  const { testPrusaLinkConnection } = await import("./prusalink");
  const http = tuning.prusalinkTestTimeoutMs ? { requestTimeoutMs: tuning.prusalinkTestTimeoutMs } : undefined;
  const result = await testPrusaLinkConnection(connection, { http });
  return result.ok
    ? { ok: true, firmware: result.firmware, model: result.model }
    : { ok: false, stage: result.stage, message: result.message, detail: null };
}
