import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { toBytes } from "./bytes";
import type { FilesConfig } from "./config";
import { resolveInside } from "./names";
import { partOwner, TMP_DIR } from "./storage";

const DAY_MS = 86_400_000;
/** A `.part` without a queued or running download is removed after this long (a retry may still resume it until then). */
export const STALE_PART_MS = DAY_MS;

export interface PlannedFile {
  id: string;
  relativePath: string;
  size: number;
  createdAt: Date;
}

export interface HousekeepingPlan {
  compress: PlannedFile[];
  delete: (PlannedFile & { reason: "retention" | "budget" })[];
  /** Kept although retention or the budget would remove them: a print job within the protection period used them. */
  protectedCount: number;
  staleParts: { name: string; size: number }[];
  totalBytes: number;
  budgetBytes: number;
}

const baseName = (p: string) => p.split(/[\\/]/).at(-1) ?? p;

/**
 * What housekeeping would do now; the worker applies exactly this plan and the UI
 * shows it as a preview. Never deletes a file whose name a job started within the
 * protection period used (business records must stay reproducible), whatever the
 * retention or budget say.
 */
export async function planHousekeeping(config: FilesConfig, now = new Date()): Promise<HousekeepingPlan> {
  const files = await db.localFile.findMany({
    select: { id: true, relativePath: true, name: true, size: true, createdAt: true, compressed: true, printerFile: { select: { name: true, path: true } } },
    orderBy: { createdAt: "asc" },
  });
  const jobs = await db.job.findMany({
    where: { startedAt: { gte: new Date(now.getTime() - config.protectDays * DAY_MS) }, fileName: { not: null } },
    select: { fileName: true },
  });
  const usedNames = new Set(jobs.map((j) => baseName(j.fileName ?? "").toLowerCase()));
  const isProtected = (f: (typeof files)[number]) =>
    usedNames.has(f.name.toLowerCase()) ||
    (f.printerFile !== null && (usedNames.has(f.printerFile.name.toLowerCase()) || usedNames.has(baseName(f.printerFile.path).toLowerCase())));

  const plain = (f: (typeof files)[number]): PlannedFile => ({ id: f.id, relativePath: f.relativePath, size: toBytes(f.size), createdAt: f.createdAt });
  const totalBytes = files.reduce((n, f) => n + toBytes(f.size), 0);
  const deletions: HousekeepingPlan["delete"] = [];
  const chosen = new Set<string>();
  let protectedCount = 0;
  if (config.retentionDays > 0) {
    const cutoff = now.getTime() - config.retentionDays * DAY_MS;
    for (const f of files) {
      if (f.createdAt.getTime() >= cutoff) continue;
      if (isProtected(f)) protectedCount += 1;
      else {
        deletions.push({ ...plain(f), reason: "retention" });
        chosen.add(f.id);
      }
    }
  }
  if (config.budgetBytes > 0) {
    let remaining = totalBytes - deletions.reduce((n, f) => n + f.size, 0);
    for (const f of files) {
      if (remaining <= config.budgetBytes) break;
      if (chosen.has(f.id)) continue;
      if (isProtected(f)) {
        protectedCount += 1;
        continue;
      }
      deletions.push({ ...plain(f), reason: "budget" });
      chosen.add(f.id);
      remaining -= toBytes(f.size);
    }
  }
  const compress =
    config.compressAfterDays > 0
      ? files.filter((f) => !f.compressed && !chosen.has(f.id) && f.createdAt.getTime() < now.getTime() - config.compressAfterDays * DAY_MS).map(plain)
      : [];
  return { compress, delete: deletions, protectedCount, staleParts: await staleParts(config.root, now), totalBytes, budgetBytes: config.budgetBytes };
}

async function staleParts(root: string, now: Date): Promise<HousekeepingPlan["staleParts"]> {
  const dir = resolveInside(root, TMP_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  const parts = names.filter((n) => n.endsWith(".part"));
  if (parts.length === 0) return [];
  const open = await db.download.findMany({
    where: { printerFileId: { in: parts.map(partOwner) }, status: { in: ["queued", "downloading"] } },
    select: { printerFileId: true },
  });
  const active = new Set(open.map((d) => d.printerFileId));
  const out: HousekeepingPlan["staleParts"] = [];
  for (const name of parts) {
    if (active.has(partOwner(name))) continue;
    const info = await stat(path.join(dir, name)).catch(() => null);
    if (info && now.getTime() - info.mtimeMs >= STALE_PART_MS) out.push({ name, size: info.size });
  }
  return out;
}
