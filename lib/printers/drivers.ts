import type { PrinterKindRuntime } from "./kind";
import type { PrinterConnection, PrinterKind } from "./registry";
import type { ConnectionTestResult } from "./schemas";
import type { PrinterDriver } from "./types";

/**
 * Builds drivers and runs connection probes (worker only). Each kind's runtime loads on
 * first use, so nothing that imports the registry pulls MQTT, FTP or HTTP clients.
 */
const runtimes = {
  bambu: () => import("./bambu/runtime").then((m) => m.bambuRuntime),
  prusalink: () => import("./prusalink/runtime").then((m) => m.prusaLinkRuntime),
} satisfies Record<PrinterKind, () => Promise<unknown>>;

type Runtime<K extends PrinterKind> = Awaited<ReturnType<(typeof runtimes)[K]>>;
type TuningOf<K extends PrinterKind> = Runtime<K> extends PrinterKindRuntime<never, infer T> ? T : never;
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every kind's timeouts and intervals, by the kind's own keys; tests shorten them. */
export type DriverTuning = Intersection<{ [K in PrinterKind]: TuningOf<K> }[PrinterKind]>;

/** The table pairs each kind with its own runtime, so a connection only ever reaches the runtime of its kind. */
async function runtimeOf(kind: PrinterKind): Promise<PrinterKindRuntime<PrinterConnection, DriverTuning>> {
  return (await runtimes[kind]()) as PrinterKindRuntime<PrinterConnection, DriverTuning>;
}

export async function createDriver(connection: PrinterConnection, tuning: DriverTuning = {}): Promise<PrinterDriver> {
  const runtime = await runtimeOf(connection.kind);
  return runtime.createDriver(connection, tuning);
}

/** Never throws: every failure comes back as the stage it happened at and a message key. */
export async function testPrinterConnection(connection: PrinterConnection, tuning: DriverTuning = {}): Promise<ConnectionTestResult> {
  const runtime = await runtimeOf(connection.kind);
  return runtime.probe(connection, tuning);
}
