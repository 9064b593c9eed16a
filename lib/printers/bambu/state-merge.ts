import type { PrintReport } from "./schemas";

/**
 * Keeps the printer's full state from msg:0 snapshots and msg:1 deltas. A/P-series
 * printers send only the keys that changed, so a missing key means "unchanged".
 * The cache holds the raw JSON (validated before merging) so diagnostics show what the
 * printer really sent; mapping re-validates the merged whole.
 */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export type PrintReportKind = "snapshot" | "delta" | "ack";

/**
 * Command acknowledgements echo our sequence_id and add result/reason; they are not
 * state and must never be merged. Anything else is a snapshot (msg 0) or a delta.
 * X1 in LAN mode may omit `msg`: merging a full report as a delta is equivalent.
 */
export function classifyPrintReport(report: PrintReport): PrintReportKind {
  const isAck =
    report.result != null ||
    report.reason != null ||
    (report.command != null && report.command !== "push_status");
  if (isAck) return "ack";
  return report.msg === 0 ? "snapshot" : "delta";
}

/** Returns the new cached state; never mutates its inputs. */
export function mergeReport(cached: JsonObject | null, incoming: JsonObject, kind: "snapshot" | "delta"): JsonObject {
  if (kind === "snapshot" || cached === null) return structuredClone(incoming);
  return mergeObjects(cached, incoming, []);
}

function mergeObjects(base: JsonObject, delta: JsonObject, path: readonly string[]): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(delta)) {
    const current = base[key];
    const childPath = [...path, key];
    if (isJsonObject(current) && isJsonObject(value)) {
      out[key] = mergeObjects(current, value, childPath);
    } else if (Array.isArray(current) && Array.isArray(value) && isAmsArray(childPath)) {
      out[key] = mergeById(current, value, childPath);
    } else {
      out[key] = structuredClone(value);
    }
  }
  return out;
}

/**
 * AMS units (print.ams.ams) and their trays only arrive complete in snapshots. A delta
 * that carries some of them updates those by id and leaves the others in place.
 */
function isAmsArray(path: readonly string[]): boolean {
  const joined = path.join(".");
  return joined === "ams.ams" || joined === "ams.ams.tray";
}

function mergeById(base: readonly unknown[], delta: readonly unknown[], path: readonly string[]): unknown[] {
  const out = base.map((item) => structuredClone(item));
  for (const item of delta) {
    const id = isJsonObject(item) ? item.id : undefined;
    const index = id === undefined ? -1 : out.findIndex((existing) => isJsonObject(existing) && String(existing.id) === String(id));
    const existing = index >= 0 ? out[index] : undefined;
    if (isJsonObject(existing) && isJsonObject(item)) {
      out[index] = mergeObjects(existing, item, path);
    } else {
      out.push(structuredClone(item));
    }
  }
  return out;
}
