import { db } from "@/lib/db";

export type CommandStatus = "pending" | "running" | "succeeded" | "failed";

/** Where a command stands, with the worker's result and error once it has finished. */
export interface CommandOutcome {
  status: CommandStatus;
  result: unknown;
  error: string | null;
}

/**
 * Waits for the worker to finish a command, polling its row. Returns null when it has
 * not finished within the timeout (the command stays queued and may still run).
 */
export async function awaitCommandResult(id: number, timeoutMs: number, pollMs = 100): Promise<CommandOutcome | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.command.findUnique({ where: { id }, select: { status: true, result: true, error: true } });
    if (row && (row.status === "succeeded" || row.status === "failed")) {
      return { status: row.status, result: row.result ? (JSON.parse(row.result) as unknown) : null, error: row.error };
    }
    if (Date.now() >= deadline) return null;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
