import { databaseKind } from "./index";

interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/**
 * Serializes transactions that append to one ordered chain (the audit log), across every
 * process. Call it first in the transaction. On PostgreSQL it takes a transaction-scoped
 * advisory lock named by `chain`; on SQLite the transaction's first write takes the
 * database's single write lock, so the caller must write before it reads.
 */
export async function lockAppendChain(tx: RawExecutor, chain: string): Promise<void> {
  if (databaseKind() !== "postgresql") return;
  await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext($1)::bigint)", chain);
}
