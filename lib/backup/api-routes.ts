import { z } from "zod";
import { defineRoute } from "@/lib/api/route-spec";
import { backupOverviewSchema } from "./schemas";

/** Backup operations for admins: overview, back up now, follow a run, download a copy. */

const tags = ["backups"] as const;

export const backupsGet = defineRoute({
  permission: "settings:manage",
  response: backupOverviewSchema,
  openapi: { method: "GET", path: "/api/backups", summary: "Backup schedule, latest outcome and the stored backups", tags },
});

export const backupRunSchema = z.object({
  commandId: z.number().int(),
  status: z.enum(["pending", "running", "succeeded", "failed"]),
  error: z.string().nullable(),
  file: z.string().nullable(),
});

export const backupsRun = defineRoute({
  permission: "settings:manage",
  response: backupRunSchema,
  openapi: {
    method: "POST",
    path: "/api/backups",
    summary: "Back up now",
    description: "Queues a backup for the worker (SQLite only); follow it with GET /api/backups/runs/{id}.",
    tags,
    successStatus: 202,
    errors: ["conflict"],
  },
});

export const backupRunGet = defineRoute({
  permission: "settings:manage",
  params: z.object({ id: z.coerce.number().int().positive() }),
  response: backupRunSchema,
  openapi: { method: "GET", path: "/api/backups/runs/{id}", summary: "Where a queued backup stands", tags },
});

export const backupDownload = defineRoute({
  permission: "settings:manage",
  params: z.object({ name: z.string().regex(/^printernizer-\d{8}T\d{6}Z(\.db|-files\.tar\.gz)$/) }),
  openapi: {
    method: "GET",
    path: "/api/backups/files/{name}",
    summary: "Download a backup (database copy or files archive); audited",
    tags,
    responseContentType: "application/octet-stream",
  },
});

export const backupApiRoutes = [backupsGet, backupsRun, backupRunGet, backupDownload];
