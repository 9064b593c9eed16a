import type { FileListQuery, FileView } from "./schemas";

/**
 * The order of the files list for a `sort` value (`-` for descending), ties broken by
 * name and id so pages never overlap. A size the printer did not report sorts after
 * every known one in both directions: it is no size at all, not a small one.
 */
export function fileComparator(sort: FileListQuery["sort"]): (a: FileView, b: FileView) => number {
  const desc = sort.startsWith("-");
  const key = desc ? sort.slice(1) : sort;
  const collator = new Intl.Collator("de", { numeric: true, sensitivity: "base" });
  const value = (v: FileView): string | number => {
    if (key === "size") return v.size ?? 0;
    if (key === "modifiedAt") return v.modifiedAt ?? "";
    if (key === "printer") return v.printerName ?? "";
    return v.name;
  };
  return (a, b) => {
    if (key === "size" && (a.size === null) !== (b.size === null)) return a.size === null ? 1 : -1;
    const x = value(a);
    const y = value(b);
    const order = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
    return (desc ? -order : order) || collator.compare(a.name, b.name) || a.id.localeCompare(b.id);
  };
}
