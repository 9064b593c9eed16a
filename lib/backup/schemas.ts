import { z } from "zod";

const runSchema = z.object({
  at: z.string(),
  file: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  filesArchive: z.string().nullable(),
  filesArchiveBytes: z.number().int().nonnegative().nullable(),
  durationMs: z.number().nonnegative(),
});

export const backupStateSchema = z.object({
  lastSuccess: runSchema.nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

export type BackupRun = z.infer<typeof runSchema>;
export type BackupState = z.infer<typeof backupStateSchema>;

export const backupFileSchema = z.object({
  name: z.string(),
  at: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  filesArchive: z.string().nullable(),
  filesArchiveBytes: z.number().int().nonnegative().nullable(),
  /** Every listed copy passed integrity_check: a copy that fails it never gets its final name. */
  verified: z.literal(true),
});

export const backupOverviewSchema = z.object({
  database: z.enum(["sqlite", "postgres"]),
  /** Berlin wall-clock "HH:MM", or "off". */
  time: z.string(),
  nextAt: z.string().nullable(),
  overdueSince: z.string().nullable(),
  state: backupStateSchema,
  backups: z.array(backupFileSchema),
});

export type BackupFile = z.infer<typeof backupFileSchema>;
export type BackupOverview = z.infer<typeof backupOverviewSchema>;
