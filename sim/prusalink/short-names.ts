/**
 * DOS 8.3 short names as FatFs gives them on the printer's USB stick: long names keep
 * their first six usable characters plus "~N" and a three-letter extension
 * ("xlcd-cover-R2_0.4n_0.2mm_PETG_MK4IS_1h2m.bgcode" -> "XLCD-C~1.BGC"); names that
 * already fit are only upper-cased ("benchy.gcode" -> "BENCHY.GCO", as the captured
 * listing shows).
 */

const invalid = /[^A-Z0-9!#$%&'()\-@^_`{}~]/g;

function clean(part: string): string {
  return part.toUpperCase().replace(/\s+/g, "").replace(/\./g, "").replace(invalid, "_");
}

function split(name: string): { base: string; ext: string } {
  const trimmed = name.replace(/^\.+/, "");
  const dot = trimmed.lastIndexOf(".");
  if (dot <= 0) return { base: trimmed, ext: "" };
  return { base: trimmed.slice(0, dot), ext: trimmed.slice(dot + 1) };
}

function join(base: string, ext: string): string {
  return ext ? `${base}.${ext}` : base;
}

/** Picks a short name for `longName` that none of `taken` (upper-case) uses yet. */
export function shortNameFor(longName: string, taken: ReadonlySet<string>): string {
  const { base, ext } = split(longName);
  const shortBase = clean(base);
  const shortExt = clean(ext).slice(0, 3);
  const lossy = shortBase !== base.toUpperCase() || shortBase.length > 8 || shortBase.length === 0;
  const plain = join(shortBase, shortExt);
  if (!lossy && !taken.has(plain)) return plain;
  const stem = shortBase || "FILE";
  for (let n = 1; n < 1_000_000; n++) {
    const tail = `~${n}`;
    const candidate = join(stem.slice(0, 8 - tail.length) + tail, shortExt);
    if (!taken.has(candidate)) return candidate;
  }
  throw new Error(`no short name left for ${longName}`);
}
