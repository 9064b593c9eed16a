import type { PrinterKindRuntime } from "@/lib/printers/kind";
import { PrusaLinkDriver, type PrusaLinkDriverOptions } from "./driver";
import type { PrusaLinkConnection } from "./kind";
import { testPrusaLinkConnection } from "./probe";

export interface PrusaLinkTuning {
  prusalink?: PrusaLinkDriverOptions;
  prusalinkTestTimeoutMs?: number;
}

/** The worker's side of the PrusaLink kind; loaded lazily through lib/printers/drivers.ts. */
export const prusaLinkRuntime: PrinterKindRuntime<PrusaLinkConnection, PrusaLinkTuning> = {
  createDriver: (connection, tuning) => new PrusaLinkDriver(connection, tuning.prusalink),
  async probe(connection, tuning) {
    const http = tuning.prusalinkTestTimeoutMs ? { requestTimeoutMs: tuning.prusalinkTestTimeoutMs } : undefined;
    const result = await testPrusaLinkConnection(connection, { http });
    return result.ok
      ? { ok: true, firmware: result.firmware, model: result.model }
      : { ok: false, stage: result.stage, message: result.message, detail: null };
  },
};
