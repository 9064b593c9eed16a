import type { NormalizedState } from "@/lib/printers/types";
import type { PrusaLinkConnection } from "./kind";
import type { ApiGeneration } from "./api";
import type { AuthMode } from "./client";
import type { PollStats } from "./poller";

/**
 * A support bundle for one printer, with secrets and identifiers redacted by key
 * (ha-bambulab's TO_REDACT): safe to paste into an issue.
 */
export const TO_REDACT = ["password", "apikey", "api_key", "x-api-key", "authorization", "username", "serial", "token", "nonce"];

const REDACTED = "**REDACTED**";

export function redact(value: unknown, keys: readonly string[] = TO_REDACT): unknown {
  const lower = new Set(keys.map((k) => k.toLowerCase()));
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Date) return v.toISOString();
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v).map(([k, inner]) => [k, lower.has(k.toLowerCase()) && inner != null ? REDACTED : walk(inner)]),
      );
    }
    return v;
  };
  return walk(value);
}

export interface DiagnosticsInput {
  connection: PrusaLinkConnection;
  authMode: AuthMode;
  generation: ApiGeneration;
  state: NormalizedState;
  poll: PollStats;
  http: { requests: number; running: number; waiting: number; peak: number } | null;
  facts: { version: unknown; info: unknown; raw: unknown };
}

export function buildDiagnostics(input: DiagnosticsInput): unknown {
  return redact({
    kind: "prusalink",
    connection: input.connection,
    authMode: input.authMode,
    api: input.generation,
    poll: input.poll,
    http: input.http,
    version: input.facts.version,
    info: input.facts.info,
    lastPayload: input.facts.raw,
    state: input.state,
  });
}
