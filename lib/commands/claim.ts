import { db } from "@/lib/db";

export interface ClaimedCommand {
  id: number;
  type: string;
  printerId: string | null;
  payload: string;
  createdById: string | null;
}

/**
 * Claims the oldest pending commands. The conditional update makes a claim atomic on
 * both databases, so even a worker that lost its lease a moment ago cannot run a
 * command twice.
 */
export async function claimPendingCommands(limit: number): Promise<ClaimedCommand[]> {
  const candidates = await db.command.findMany({
    where: { status: "pending" },
    orderBy: { id: "asc" },
    take: limit,
    select: { id: true, type: true, printerId: true, payload: true, createdById: true },
  });
  const claimed: ClaimedCommand[] = [];
  for (const c of candidates) {
    const { count } = await db.command.updateMany({
      where: { id: c.id, status: "pending" },
      data: { status: "running", startedAt: new Date() },
    });
    if (count === 1) claimed.push(c);
  }
  return claimed;
}

export async function finishCommand(
  id: number,
  outcome: { status: "succeeded"; result: unknown } | { status: "failed"; error: string },
  redactPayload: boolean,
): Promise<void> {
  await db.command.update({
    where: { id },
    data: {
      status: outcome.status,
      result: outcome.status === "succeeded" ? JSON.stringify(outcome.result ?? null) : null,
      error: outcome.status === "failed" ? outcome.error : null,
      finishedAt: new Date(),
      // Credentials that travelled with a command are purged as soon as it ends.
      ...(redactPayload ? { payload: "{}" } : {}),
    },
  });
}
