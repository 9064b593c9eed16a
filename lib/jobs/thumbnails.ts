import { db } from "@/lib/db";
import type { PrinterView } from "@/lib/printers/schemas";
import type { CurrentThumbnail } from "./schemas";

/**
 * The picture of the file each printer is printing, for the dashboard and printer pages.
 * The printer names the file as it knows it: PrusaLink gives the storage path the file
 * listing stored (PrinterFile.path); Bambu gives the path on its card, or, on models
 * that print from "/data/Metadata/plate_1.gcode", only the job name ("Bracket" for
 * "Bracket.gcode.3mf"). So a file is matched by path first, then by base name, then by
 * job name plus a print-file suffix. Printers are resolved together, one query per
 * BATCH printers (each printer's own candidates only, so one project on fifty printers
 * does not match fifty times over, and the bound parameters stay under SQLite's limit):
 * a wall of 100 printers costs two round trips, not one per card. Pictures are served by
 * the files' own route (/api/files/{id}/thumbnail).
 */

export interface CurrentFile {
  printerId: string;
  fileName: string;
  jobName: string | null;
}

/** Suffixes of print files, longest first (a Bambu project is "x.gcode.3mf"). */
const printSuffixes = [".gcode.3mf", ".3mf", ".bgcode", ".gcode"];

function baseName(path: string): string {
  return path.split("/").filter(Boolean).pop() ?? path;
}

/** Names the file may have on the printer's storage, most specific first. */
export function candidateNames(file: CurrentFile): string[] {
  const names = [baseName(file.fileName)];
  if (file.jobName) names.push(...printSuffixes.map((suffix) => `${file.jobName}${suffix}`));
  return [...new Set(names)];
}

export interface StoredFile {
  id: string;
  printerId: string;
  path: string;
  name: string;
  goneAt: Date | null;
  seenAt: Date;
  hasThumbnail: boolean;
}

/** The stored file the printer prints: exact path, then by name in candidate order; a file still on the printer before one gone. */
export function pickFile(file: CurrentFile, stored: readonly StoredFile[]): StoredFile | null {
  const own = stored.filter((s) => s.printerId === file.printerId);
  const exact = own.find((s) => s.path === file.fileName);
  if (exact) return exact;
  const rank = (s: StoredFile) => [s.goneAt === null ? 0 : 1, -s.seenAt.getTime()];
  for (const name of candidateNames(file)) {
    const matches = own
      .filter((s) => s.name === name)
      .sort((a, b) => {
        const [ga, sa] = rank(a);
        const [gb, sb] = rank(b);
        return ga - gb || sa - sb;
      });
    if (matches[0]) return matches[0];
  }
  return null;
}

const BATCH = 50;

async function storedFiles(files: readonly CurrentFile[]): Promise<StoredFile[]> {
  const rows = await db.printerFile.findMany({
    where: {
      OR: files.map((f) => ({ printerId: f.printerId, OR: [{ path: f.fileName }, { name: { in: candidateNames(f) } }] })),
    },
    select: {
      id: true,
      printerId: true,
      path: true,
      name: true,
      goneAt: true,
      seenAt: true,
      thumbnailPath: true,
      // The copy the thumbnail route falls back to (lib/files/actions.ts resolveLocalFile): the newest.
      localFiles: { orderBy: { createdAt: "desc" }, take: 1, select: { thumbnailPath: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    printerId: r.printerId,
    path: r.path,
    name: r.name,
    goneAt: r.goneAt,
    seenAt: r.seenAt,
    hasThumbnail: r.thumbnailPath !== null || (r.localFiles[0]?.thumbnailPath ?? null) !== null,
  }));
}

export async function thumbnailsOf(files: readonly CurrentFile[]): Promise<CurrentThumbnail[]> {
  const stored: StoredFile[] = [];
  for (let i = 0; i < files.length; i += BATCH) stored.push(...(await storedFiles(files.slice(i, i + BATCH))));
  return files.map((file) => {
    const match = pickFile(file, stored);
    return {
      printerId: file.printerId,
      fileName: file.fileName,
      thumbnailUrl: match?.hasThumbnail ? `/api/files/${encodeURIComponent(match.id)}/thumbnail` : null,
    };
  });
}

/** The files the printers report now (from their stored live state). */
export function currentFilesOf(printers: readonly PrinterView[]): CurrentFile[] {
  return printers.flatMap((p) => {
    const data = p.live?.data;
    return data?.fileName ? [{ printerId: p.id, fileName: data.fileName, jobName: data.jobName }] : [];
  });
}
