/**
 * "Online and free to start": the one rule the API, the worker and the browser apply
 * before a print starts. Free of server imports so the browser shows the same rule the
 * API and the worker enforce.
 */

/** States in which a printer can take a new print without cancelling one. */
const startableStates: ReadonlySet<string> = new Set(["idle", "finished", "failed", "cancelled"]);

export type StartBlocker = "offline" | "busy";

/** Why a printer cannot start a print now, or null when it can. No status counts as offline. */
export function startBlocker(status: { online: boolean; state: string } | null | undefined): StartBlocker | null {
  if (!status?.online) return "offline";
  return startableStates.has(status.state) ? null : "busy";
}

export function canStartPrint(status: { online: boolean; state: string } | null | undefined): boolean {
  return startBlocker(status) === null;
}
