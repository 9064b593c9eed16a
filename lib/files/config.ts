import path from "node:path";
import { z } from "zod";

/** The files domain's environment variables (listed in the README table). */
const filesEnvShape = {
  /** Where downloaded files live; default `<data dir>/files`. */
  PRINTERNIZER_FILES_DIR: z.string().optional(),
  PRINTERNIZER_FILES_SYNC_MS: z.coerce.number().int().min(10_000).default(300_000),
  PRINTERNIZER_DOWNLOADS_MAX: z.coerce.number().int().min(1).max(20).default(5),
  PRINTERNIZER_DOWNLOADS_PER_PRINTER: z.coerce.number().int().min(1).max(2).default(1),
  /** Gzip local files older than this many days; 0 turns compression off. */
  PRINTERNIZER_FILES_COMPRESS_AFTER_DAYS: z.coerce.number().int().min(0).default(30),
  /** Delete local files older than this many days; 0 keeps them forever. */
  PRINTERNIZER_FILES_RETENTION_DAYS: z.coerce.number().int().min(0).default(0),
  /** Delete the oldest local files while the total exceeds this many MiB; 0 means no budget. */
  PRINTERNIZER_FILES_BUDGET_MB: z.coerce.number().int().min(0).default(0),
  /** Files of jobs started within this many days are never deleted (German records retention: 10 years). */
  PRINTERNIZER_FILES_PROTECT_DAYS: z.coerce.number().int().min(0).default(3_650),
  PRINTERNIZER_FILES_HOUSEKEEPING_MS: z.coerce.number().int().min(60_000).default(3_600_000),
};

const filesEnvSchema = z.object(filesEnvShape);

export type FilesEnv = z.infer<typeof filesEnvSchema>;

let cached: FilesEnv | null = null;

export function filesEnv(): FilesEnv {
  cached ??= filesEnvSchema.parse(process.env);
  return cached;
}

const uploadEnvSchema = z.object({
  /** Largest browser/API upload request (all its files together), in MiB. */
  PRINTERNIZER_UPLOAD_MAX_MB: z.coerce.number().int().min(1).default(2048),
  /** Free space an upload must leave on the files folder's disk, in MiB. */
  PRINTERNIZER_UPLOAD_RESERVE_MB: z.coerce.number().int().min(0).default(512),
});

export interface UploadLimits {
  maxBytes: number;
  reserveBytes: number;
}

/** Read on every upload (not cached): cheap, and a changed environment applies to the next request. */
export function uploadLimits(env: NodeJS.ProcessEnv = process.env): UploadLimits {
  const values = uploadEnvSchema.parse(env);
  return { maxBytes: values.PRINTERNIZER_UPLOAD_MAX_MB * 1024 * 1024, reserveBytes: values.PRINTERNIZER_UPLOAD_RESERVE_MB * 1024 * 1024 };
}

export interface FilesConfig {
  root: string;
  syncMs: number;
  maxDownloads: number;
  perPrinter: number;
  compressAfterDays: number;
  retentionDays: number;
  budgetBytes: number;
  protectDays: number;
  housekeepingMs: number;
}

export function filesConfigFrom(values: FilesEnv, dataDir: string): FilesConfig {
  return {
    root: path.resolve(values.PRINTERNIZER_FILES_DIR ?? path.join(dataDir, "files")),
    syncMs: values.PRINTERNIZER_FILES_SYNC_MS,
    maxDownloads: values.PRINTERNIZER_DOWNLOADS_MAX,
    perPrinter: values.PRINTERNIZER_DOWNLOADS_PER_PRINTER,
    compressAfterDays: values.PRINTERNIZER_FILES_COMPRESS_AFTER_DAYS,
    retentionDays: values.PRINTERNIZER_FILES_RETENTION_DAYS,
    budgetBytes: values.PRINTERNIZER_FILES_BUDGET_MB * 1024 * 1024,
    protectDays: values.PRINTERNIZER_FILES_PROTECT_DAYS,
    housekeepingMs: values.PRINTERNIZER_FILES_HOUSEKEEPING_MS,
  };
}
