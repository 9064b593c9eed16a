import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditTranslator } from "./audit-log";
import { auditActionText, auditActorText, auditDetailItems, auditTargetText } from "./audit-text";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.includes(".test.") ? [full] : [];
  });
}

/** Every audit action the code base writes: `action: "x.y"` and `action: cond ? "x.y" : "x.z"` in files that call audit(). */
function auditActionsInCode(): string[] {
  const codes = new Set<string>();
  for (const file of ["lib", "app", "cli", "worker"].flatMap((dir) => sourceFiles(path.resolve(dir)))) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("audit(")) continue;
    for (const line of text.matchAll(/action: ([^,\n]*)/g)) {
      for (const code of line[1].matchAll(/"([a-z]+\.[a-z_]+)"/g)) codes.add(code[1]);
    }
  }
  return [...codes].sort();
}

describe("the audit log in words", () => {
  it("has a German and an English name for every action the code writes", () => {
    const codes = auditActionsInCode();
    expect(codes).toContain("backup.download");
    expect(codes).toContain("user.enabled");
    for (const locale of ["de", "en"] as const) {
      const t = auditTranslator(locale);
      expect(codes.filter((code) => !t.has(`actions.${code}`)), locale).toEqual([]);
    }
  });

  it("names actions, actors and targets in the reader's language", () => {
    const de = auditTranslator("de");
    const en = auditTranslator("en");
    expect(auditActionText(de, "auth.login_failed")).toBe("Anmeldung fehlgeschlagen");
    expect(auditActionText(en, "report.export")).toBe("Report exported");
    expect(auditActionText(en, "future.thing")).toBe("future.thing");
    expect(auditActorText(de, { actorType: "worker", actorName: null })).toBe("Hintergrunddienst");
    expect(auditActorText(en, { actorType: "worker", actorName: null })).toBe("Background service");
    expect(auditActorText(de, { actorType: "system", actorName: null })).toBe("System");
    expect(auditActorText(en, { actorType: "token", actorName: "Ada" })).toBe("Ada (API token)");
    expect(auditActorText(en, { actorType: "user", actorName: null })).toBe("Unknown");
    expect(auditTargetText({ target: "cm123", targetName: "Bambu X1" })).toBe("Bambu X1");
    expect(auditTargetText({ target: "2026-11", targetName: null })).toBe("2026-11");
  });

  it("shows details as labelled values with the locale's formats", () => {
    const details = JSON.stringify({ cutoff: "2026-09-08T01:00:00.000Z", temperatureSamples: 1234, archived: true, fields: ["name", "host"], from: "2026-11-01", owner: null });
    expect(auditDetailItems(auditTranslator("de"), "de", details)).toEqual([
      { label: "Gelöscht bis", value: "08.09.2026 03:00" },
      { label: "Temperaturwerte", value: "1.234" },
      { label: "Archiviert", value: "ja" },
      { label: "Felder", value: "name, host" },
      { label: "Von", value: "01.11.2026" },
      { label: "Besitzer", value: "–" },
    ]);
    expect(auditDetailItems(auditTranslator("en"), "en", details)[0]).toEqual({ label: "Deleted up to", value: "8 Sept 2026, 03:00" });
    expect(auditDetailItems(auditTranslator("en"), "en", JSON.stringify({ sizeBytes: 344_064 }))).toEqual([{ label: "Size", value: "344.1 KB" }]);
    expect(auditDetailItems(auditTranslator("en"), "en", "not json")).toEqual([{ label: "Value", value: "not json" }]);
    expect(auditDetailItems(auditTranslator("en"), "en", null)).toEqual([]);
  });
});
