/**
 * States in which a printer can take a new print without cancelling one. Free of
 * server imports so the browser shows the same rule the API and the worker enforce.
 */
export const startableStates: ReadonlySet<string> = new Set(["idle", "finished", "failed", "cancelled"]);
