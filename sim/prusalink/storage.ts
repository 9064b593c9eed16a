import type { Dirent, Stats } from "node:fs";
import { mkdir, readdir, lstat, realpath } from "node:fs/promises";
import path from "node:path";
import { numericEtag } from "./etag";
import { isPrintFileName } from "./print-file";
import type { PrintFileRef } from "./print-file";
import { shortNameFor } from "./short-names";

export interface StorageSpec {
  /** "usb" on Buddy; "local" or "sdcard" on the Pi. */
  id: string;
  dir: string;
  readOnly: boolean;
  /** Buddy's FAT stick has 8.3 names next to the long ones; the Pi has only long names. */
  shortNames: boolean;
  /** Prefix of API paths: "/usb", or the Pi's display names "/PrusaLink gcodes", "/SD Card". */
  apiRoot: string;
}

export interface StorageEntry {
  storage: Storage;
  kind: "file" | "folder";
  isRoot: boolean;
  /** Short name on Buddy, long name on the Pi. */
  name: string;
  longName: string;
  diskPath: string;
  /** "/usb/OTHER/BENCHY.GCO" */
  apiPath: string;
  /** "/usb/Other/benchy.gcode" */
  displayPath: string;
  size: number;
  mtimeSec: number;
  etag: number;
}

export type WriteTarget = { diskPath: string; longName: string; parentSegments: string[] };

const maxNameLength = 255;

/** Checks one decoded path segment; everything that could climb out of the root is refused. */
export function isSafeSegment(segment: string): boolean {
  return (
    segment.length > 0 &&
    segment.length <= maxNameLength &&
    segment !== "." &&
    segment !== ".." &&
    !/[/\\\u0000]/.test(segment)
  );
}

/**
 * A folder on disk presented as a printer storage. Paths are only ever resolved by
 * matching names found by listing the folder, so nothing outside it can be reached.
 */
export class Storage {
  private readonly shortNameMaps = new Map<string, Map<string, string>>();
  private rootReal: string | null = null;

  constructor(readonly spec: StorageSpec) {}

  get id(): string {
    return this.spec.id;
  }

  async root(): Promise<StorageEntry> {
    await mkdir(this.spec.dir, { recursive: true });
    const stats = await lstat(this.spec.dir);
    return this.entry(stats, {
      isRoot: true,
      name: this.spec.apiRoot.slice(1),
      longName: this.spec.apiRoot.slice(1),
      diskPath: this.spec.dir,
      apiPath: this.spec.apiRoot,
      displayPath: this.spec.apiRoot,
    });
  }

  /** Resolves decoded segments, each either the long or (on Buddy) the short name. */
  async resolve(segments: string[]): Promise<StorageEntry | null> {
    if (!segments.every(isSafeSegment)) return null;
    let current = await this.root();
    for (const segment of segments) {
      if (current.kind !== "folder") return null;
      const next = pick(await this.children(current, { includeAll: true }), segment);
      if (!next) return null;
      current = next;
    }
    return (await this.insideRoot(current.diskPath)) ? current : null;
  }

  /** Folders and print files, hidden ones (uploads in progress) left out. */
  async children(folder: StorageEntry, opts: { includeAll?: boolean } = {}): Promise<StorageEntry[]> {
    const dirents = await readdir(folder.diskPath, { withFileTypes: true });
    const visible = dirents.filter((d) => !d.name.startsWith(".") && (d.isDirectory() || d.isFile()));
    const withStats = await Promise.all(
      visible.map(async (d): Promise<{ dirent: Dirent; stats: Stats } | null> => {
        try {
          return { dirent: d, stats: await lstat(path.join(folder.diskPath, d.name)) };
        } catch {
          return null;
        }
      }),
    );
    const present = withStats.filter((x): x is { dirent: Dirent; stats: Stats } => x !== null);
    present.sort((a, b) => a.stats.birthtimeMs - b.stats.birthtimeMs || a.dirent.name.localeCompare(b.dirent.name));
    const names = this.shortNamesIn(folder.diskPath, present.map((p) => p.dirent.name));
    const result: StorageEntry[] = [];
    for (const { dirent, stats } of present) {
      if (!opts.includeAll && dirent.isFile() && !isPrintFileName(dirent.name)) continue;
      const name = names.get(dirent.name) ?? dirent.name;
      result.push(
        this.entry(stats, {
          isRoot: false,
          name,
          longName: dirent.name,
          diskPath: path.join(folder.diskPath, dirent.name),
          apiPath: `${folder.apiPath}/${name}`,
          displayPath: `${folder.displayPath}/${dirent.name}`,
        }),
      );
    }
    return result;
  }

  /** Every print file below `folder`, depth first. */
  async printFiles(folder?: StorageEntry): Promise<StorageEntry[]> {
    const start = folder ?? (await this.root());
    const out: StorageEntry[] = [];
    for (const child of await this.children(start)) {
      if (child.kind === "folder") out.push(...(await this.printFiles(child)));
      else out.push(child);
    }
    return out;
  }

  /** Finds or creates the folder at `segments` (short or long names for existing ones). */
  async ensureFolder(segments: string[]): Promise<StorageEntry | null> {
    if (!segments.every(isSafeSegment)) return null;
    let folder = await this.root();
    for (const segment of segments) {
      let next = pick(await this.children(folder, { includeAll: true }), segment);
      if (!next) {
        await mkdir(path.join(folder.diskPath, segment));
        next = pick(await this.children(folder, { includeAll: true }), segment);
      }
      if (!next || next.kind !== "folder") return null;
      folder = next;
    }
    return (await this.insideRoot(folder.diskPath)) ? folder : null;
  }

  /** Where an upload to `segments` goes; missing folders are created. Null when not allowed. */
  async writeTarget(segments: string[]): Promise<WriteTarget | null> {
    const name = segments[segments.length - 1];
    if (name === undefined || !isSafeSegment(name) || name.startsWith(".")) return null;
    const folder = await this.ensureFolder(segments.slice(0, -1));
    if (!folder) return null;
    const existing = pick(await this.children(folder, { includeAll: true }), name);
    if (existing && existing.kind !== "file") return null;
    const longName = existing ? existing.longName : name;
    const parentSegments = folder.isRoot ? [] : folder.apiPath.slice(this.spec.apiRoot.length + 1).split("/");
    return { diskPath: path.join(folder.diskPath, longName), longName, parentSegments };
  }

  fileRef(entry: StorageEntry): PrintFileRef {
    return {
      storageId: this.spec.id,
      apiPath: entry.apiPath,
      displayName: entry.longName,
      displayPath: entry.displayPath,
      diskPath: entry.diskPath,
      size: entry.size,
      mtimeSec: entry.mtimeSec,
    };
  }

  private entry(
    stats: Stats,
    names: Pick<StorageEntry, "isRoot" | "name" | "longName" | "diskPath" | "apiPath" | "displayPath">,
  ): StorageEntry {
    return {
      storage: this,
      kind: stats.isDirectory() ? "folder" : "file",
      ...names,
      size: stats.isDirectory() ? 0 : stats.size,
      mtimeSec: Math.floor(stats.mtimeMs / 1000),
      etag: numericEtag(stats.ino, stats.size, stats.mtimeMs, stats.ctimeMs),
    };
  }

  /** Short names stick to a file once given, like directory entries on a FAT stick. */
  private shortNamesIn(dir: string, longNames: string[]): Map<string, string> {
    if (!this.spec.shortNames) return new Map(longNames.map((n) => [n, n]));
    const known = this.shortNameMaps.get(dir) ?? new Map<string, string>();
    for (const name of [...known.keys()]) if (!longNames.includes(name)) known.delete(name);
    const taken = new Set(known.values());
    for (const name of longNames) {
      if (known.has(name)) continue;
      const short = shortNameFor(name, taken);
      known.set(name, short);
      taken.add(short);
    }
    this.shortNameMaps.set(dir, known);
    return known;
  }

  private async insideRoot(diskPath: string): Promise<boolean> {
    this.rootReal ??= await realpath(this.spec.dir);
    let real: string;
    try {
      real = await realpath(diskPath);
    } catch {
      return false;
    }
    const rel = path.relative(this.rootReal, real);
    return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
  }
}

/** Exact long name first, then the short name, then (FAT ignores case) any case. */
function pick(entries: StorageEntry[], segment: string): StorageEntry | undefined {
  const upper = segment.toUpperCase();
  return (
    entries.find((e) => e.longName === segment) ??
    entries.find((e) => e.name.toUpperCase() === upper) ??
    entries.find((e) => e.longName.toUpperCase() === upper)
  );
}
