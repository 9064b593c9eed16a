import type { PrinterKindRuntime } from "@/lib/printers/kind";
import { BambuDriver, type BambuDriverOptions } from "./driver";
import type { BambuConnection } from "./kind";
import { testBambuConnection, type TestConnectionOptions } from "./probe";

export interface BambuTuning {
  bambu?: BambuDriverOptions;
  bambuTest?: TestConnectionOptions;
}

/** The worker's side of the Bambu kind; loaded lazily through lib/printers/drivers.ts. */
export const bambuRuntime: PrinterKindRuntime<BambuConnection, BambuTuning> = {
  createDriver: (connection, tuning) => new BambuDriver(connection, tuning.bambu),
  async probe(connection, tuning) {
    const result = await testBambuConnection(connection, tuning.bambuTest);
    return result.ok ? result : { ok: false, stage: result.stage, message: result.message, detail: result.detail ?? null };
  },
};
