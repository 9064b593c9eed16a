export interface ListEntry {
  name: string;
  isDirectory: boolean;
  size: number;
  mtime: Date;
  nlink: number;
}

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const halfYearMs = (365 / 2) * 24 * 3600 * 1000;

function two(n: number): string {
  return String(n).padStart(2, "0");
}

// vsFTPd shows the time for files from the last six months and the year otherwise, in UTC.
function listDate(mtime: Date, now: Date): string {
  const day = `${months[mtime.getUTCMonth()]} ${two(mtime.getUTCDate())}`;
  const recent = mtime.getTime() > now.getTime() - halfYearMs && mtime.getTime() <= now.getTime();
  return recent ? `${day} ${two(mtime.getUTCHours())}:${two(mtime.getUTCMinutes())}` : `${day}  ${mtime.getUTCFullYear()}`;
}

/**
 * One LIST line exactly as vsFTPd 3.0.3 writes it (measured against Debian's vsftpd):
 * `-rw-r--r--    1 0        0          135726 Aug 02 10:04 name`.
 */
export function listLine(entry: ListEntry, now: Date): string {
  const mode = entry.isDirectory ? "drwxr-xr-x" : "-rw-r--r--";
  const links = String(entry.nlink).padStart(4);
  const size = String(entry.size).padStart(8);
  return `${mode} ${links} ${"0".padEnd(8)} ${"0".padEnd(8)} ${size} ${listDate(entry.mtime, now)} ${entry.name}`;
}

/** MDTM answer value: YYYYMMDDHHMMSS in UTC. */
export function mdtmValue(mtime: Date): string {
  return `${mtime.getUTCFullYear()}${two(mtime.getUTCMonth() + 1)}${two(mtime.getUTCDate())}${two(mtime.getUTCHours())}${two(mtime.getUTCMinutes())}${two(mtime.getUTCSeconds())}`;
}

/** vsFTPd sorts listings by raw byte order of the name. */
export function byName(a: ListEntry, b: ListEntry): number {
  return Buffer.compare(Buffer.from(a.name), Buffer.from(b.name));
}
