import { databaseKind } from "./index";

interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/**
 * Serializes transactions that take the same named lock, across every process (appends to
 * the audit chain, a login throttle's read-decide-write). Call it first in the transaction.
 * On PostgreSQL it takes a transaction-scoped advisory lock; on SQLite the transaction's
 * first write takes the database's single write lock, so the caller must write before it
 * reads.
 */
export async function takeNamedLock(tx: RawExecutor, name: string): Promise<void> {
  if (databaseKind() !== "postgresql") return;
  await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext($1)::bigint)", name);
}
