import { db } from "@/lib/db";
import { printFileMetadataSchema, type PrintFileMetadata } from "@/lib/files/metadata/types";
import { printerCommandBodySchema } from "@/lib/printers/schemas";
import type { FilamentSlot } from "@/lib/printers/types";
import { filamentUses, plateFilaments, plateOfGcodeFile, slotsOfFilaments, type FilamentUse } from "./filament";
import type { ClosedStatus } from "./machine";

/**
 * Finds what a closed job printed (file, plate, AMS mapping) and the slicer's figures
 * for it. A print Printernizer started has its start command (file, plate, mapping); a
 * print started at the printer has only the printer's report: `gcode_file` names the
 * file (P1/A1) or the plate (X1, "/data/Metadata/plate_2.gcode"; the file is then found
 * by the job name). The file's metadata comes from its listing (filled when a local copy
 * was read) or, failing that, from the printer's storage through `readRemote`.
 */

export interface JobRef {
  name: string;
  fileName: string | null;
  startedAt: Date;
}

export type RemoteMetadataReader = (path: string) => Promise<PrintFileMetadata | null>;

/** What the worker saw of the printer's filament slots during the print. */
export interface SlotsSeen {
  /** The slots as last reported. */
  live: FilamentSlot[];
  /** Slots reported feeding at some point while the job was open (Bambu's tray_now). */
  active: string[];
}

interface StartFacts {
  path: string;
  plate: number;
  amsMapping: number[] | null;
}

/** A start is only as old as a print's preparation (heating, levelling, AMS loading). */
const START_WINDOW_MS = 30 * 60 * 1000;

function stem(path: string): string {
  const base = path.split("/").pop() ?? path;
  return base.replace(/\.gcode\.3mf$/i, "").replace(/\.(3mf|bgcode|gcode|bgc|gco)$/i, "");
}

/** The start command of this print: after the printer's previous job began, for the same file. */
async function startOf(printerId: string, job: JobRef): Promise<StartFacts | null> {
  const previous = await db.job.findFirst({
    where: { printerId, startedAt: { lt: job.startedAt } },
    orderBy: { startedAt: "desc" },
    select: { startedAt: true },
  });
  const earliest = Math.max(job.startedAt.getTime() - START_WINDOW_MS, (previous?.startedAt.getTime() ?? 0) + 1);
  const commands = await db.command.findMany({
    where: {
      type: "printer.command",
      printerId,
      status: "succeeded",
      createdAt: { gte: new Date(earliest), lte: job.startedAt },
    },
    orderBy: { id: "desc" },
    select: { payload: true },
    take: 20,
  });
  for (const command of commands) {
    let payload: unknown;
    try {
      payload = JSON.parse(command.payload);
    } catch {
      continue;
    }
    const parsed = printerCommandBodySchema.safeParse(payload);
    if (!parsed.success || parsed.data.action !== "start" || !parsed.data.path) continue;
    const { path, plate, amsMapping } = parsed.data;
    if (path === job.fileName || stem(path) === stem(job.name) || stem(path) === stem(job.fileName ?? "")) {
      return { path, plate: plate ?? 1, amsMapping: amsMapping ?? null };
    }
  }
  return null;
}

async function pathByName(printerId: string, jobName: string): Promise<string | null> {
  const files = await db.printerFile.findMany({ where: { printerId, goneAt: null }, select: { path: true, name: true } });
  const matches = files.filter((file) => file.name === jobName || stem(file.name) === stem(jobName));
  return matches.length === 1 ? matches[0].path : null;
}

async function metadataOf(printerId: string, path: string, readRemote: RemoteMetadataReader | null): Promise<PrintFileMetadata | null> {
  const file = await db.printerFile.findUnique({ where: { printerId_path: { printerId, path } }, select: { metadata: true } });
  if (file?.metadata) {
    const parsed = printFileMetadataSchema.safeParse(JSON.parse(file.metadata));
    if (parsed.success) return parsed.data;
  }
  return readRemote ? readRemote(path) : null;
}

/** The job's filament per slot, or null when it cannot be known (no file, unknown plate, no figures). */
export async function filamentOfJob(
  printerId: string,
  job: JobRef,
  status: ClosedStatus,
  progress: number,
  seen: SlotsSeen,
  readRemote: RemoteMetadataReader | null = null,
): Promise<FilamentUse[] | null> {
  const start = await startOf(printerId, job);
  const reportedPlate = plateOfGcodeFile(job.fileName);
  const path = start?.path ?? (reportedPlate === null ? job.fileName : await pathByName(printerId, job.name));
  if (!path) return null;
  const metadata = await metadataOf(printerId, path, readRemote);
  if (!metadata) return null;
  const filaments = plateFilaments(metadata, start?.plate ?? reportedPlate);
  if (!filaments) return null;
  const slots = slotsOfFilaments(filaments, start?.amsMapping ?? null, seen.live, seen.active);
  return filamentUses(filaments, slots, status, progress);
}
