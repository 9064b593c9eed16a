import { db } from "@/lib/db";

/** What an audit row's target is, by the record it names; the page shows its name and links to it. */
export interface AuditTargetRef {
  kind: "printer" | "job" | "user" | "file" | "download" | "material" | "spool" | "token" | "alert";
  name: string;
  /** In-app path of the target's page, when it has one. */
  href: string | null;
}

/**
 * Looks every target id up in the tables a target can name (cuids do not collide across
 * tables). Targets that are no record (a month, a report name, a backup file) or whose
 * record was deleted are absent from the map and shown as they are.
 */
export async function resolveAuditTargets(targets: readonly string[]): Promise<Map<string, AuditTargetRef>> {
  const ids = [...new Set(targets)];
  const found = new Map<string, AuditTargetRef>();
  if (ids.length === 0) return found;
  const where = { id: { in: ids } };
  const [printers, jobs, users, files, downloads, materials, spools, tokens, alerts] = await Promise.all([
    db.printer.findMany({ where, select: { id: true, name: true } }),
    db.job.findMany({ where, select: { id: true, name: true } }),
    db.user.findMany({ where, select: { id: true, name: true } }),
    db.localFile.findMany({ where, select: { id: true, name: true } }),
    db.download.findMany({ where, select: { id: true, printerFile: { select: { name: true } } } }),
    db.material.findMany({ where, select: { id: true, brand: true, type: true, color: true } }),
    db.spool.findMany({ where, select: { id: true, material: { select: { brand: true, type: true, color: true } } } }),
    db.apiToken.findMany({ where, select: { id: true, name: true } }),
    db.alert.findMany({ where, select: { id: true, type: true, printer: { select: { name: true } } } }),
  ]);
  const materialName = (m: { brand: string; type: string; color: string }) => `${m.brand} ${m.type} ${m.color}`;
  for (const p of printers) found.set(p.id, { kind: "printer", name: p.name, href: `/printers/${p.id}` });
  for (const j of jobs) found.set(j.id, { kind: "job", name: j.name, href: `/jobs/${j.id}` });
  for (const u of users) found.set(u.id, { kind: "user", name: u.name, href: "/settings/users" });
  for (const f of files) found.set(f.id, { kind: "file", name: f.name, href: "/files" });
  for (const d of downloads) found.set(d.id, { kind: "download", name: d.printerFile.name, href: "/files" });
  for (const m of materials) found.set(m.id, { kind: "material", name: materialName(m), href: "/materials" });
  for (const s of spools) found.set(s.id, { kind: "spool", name: materialName(s.material), href: "/materials" });
  for (const t of tokens) found.set(t.id, { kind: "token", name: t.name, href: null });
  for (const a of alerts) found.set(a.id, { kind: "alert", name: a.printer?.name ?? a.type, href: "/alerts" });
  return found;
}
