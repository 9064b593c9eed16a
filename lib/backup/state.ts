import { db } from "@/lib/db";
import { backupStateSchema, type BackupRun, type BackupState } from "./schemas";

export type { BackupRun, BackupState };

/** Outcome of the latest backups, kept in the Setting table for the UI and metrics. */
export const BACKUP_STATE_KEY = "backup.state";

export const emptyBackupState: BackupState = { lastSuccess: null, lastAttemptAt: null, lastError: null };

export function parseBackupState(value: string | null | undefined): BackupState {
  if (!value) return emptyBackupState;
  try {
    const parsed = backupStateSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : emptyBackupState;
  } catch {
    return emptyBackupState;
  }
}

export async function readBackupState(): Promise<BackupState> {
  const row = await db.setting.findUnique({ where: { key: BACKUP_STATE_KEY } });
  return parseBackupState(row?.value);
}

async function write(state: BackupState): Promise<void> {
  const value = JSON.stringify(backupStateSchema.parse(state));
  await db.setting.upsert({ where: { key: BACKUP_STATE_KEY }, create: { key: BACKUP_STATE_KEY, value }, update: { value } });
}

export async function recordBackupSuccess(run: BackupRun): Promise<void> {
  await write({ lastSuccess: run, lastAttemptAt: run.at, lastError: null });
}

export async function recordBackupFailure(at: Date, error: string): Promise<void> {
  const previous = await readBackupState();
  await write({ ...previous, lastAttemptAt: at.toISOString(), lastError: error });
}
