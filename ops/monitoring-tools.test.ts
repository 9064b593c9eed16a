import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { requireTool } from "@/testing/tools";

/**
 * The alert rules and the Alertmanager example are checked by the real tools Prometheus
 * and Alertmanager ship (Debian's prometheus and prometheus-alertmanager packages), and
 * every alert has a unit test in alerts.test.yaml and a runbook in both languages.
 */
const run = promisify(execFile);
const here = import.meta.dirname;
const rulesFile = path.join(here, "prometheus/alerts.yaml");
const alertmanagerFile = path.join(here, "alertmanager/alertmanager.yml");

const ruleSchema = z.object({
  alert: z.string().optional(),
  record: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
const alerts = z
  .object({ groups: z.array(z.object({ rules: z.array(ruleSchema) })) })
  .parse(parse(readFileSync(rulesFile, "utf8")))
  .groups.flatMap((group) => group.rules)
  .filter((rule): rule is z.infer<typeof ruleSchema> & { alert: string } => rule.alert !== undefined);

async function tool(command: string, args: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: here });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

/** GitHub-style heading anchors, as the help pages render them. */
function anchors(markdown: string): Set<string> {
  return new Set(
    [...markdown.matchAll(/^#{2,3} (.+)$/gm)].map((m) =>
      m[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, "").replace(/\s+/g, "-"),
    ),
  );
}

describe("Prometheus rules", () => {
  it("pass promtool check rules and every unit test in alerts.test.yaml", async () => {
    requireTool("promtool", "prometheus");
    const check = await tool("promtool", ["check", "rules", rulesFile]);
    expect(check.output).toContain("SUCCESS");
    expect(check.ok).toBe(true);
    const test = await tool("promtool", ["test", "rules", path.join(here, "prometheus/alerts.test.yaml")]);
    expect(test.output).toContain("SUCCESS");
    expect(test.ok).toBe(true);
  }, 60_000);

  it("has a unit test for every alert rule", () => {
    const tests = readFileSync(path.join(here, "prometheus/alerts.test.yaml"), "utf8");
    const tested = new Set([...tests.matchAll(/^\s+alertname: (\S+)$/gm)].map((m) => m[1]));
    expect(alerts.map((rule) => rule.alert).filter((name) => !tested.has(name))).toEqual([]);
  });

  it("promtool refuses a broken rule, so the checks above can fail", async () => {
    requireTool("promtool", "prometheus");
    const dir = mkdtempSync(path.join(os.tmpdir(), "printernizer-rules-"));
    const broken = path.join(dir, "broken.yaml");
    writeFileSync(broken, "groups:\n  - name: x\n    rules:\n      - alert: Broken\n        expr: sum(rate(printernizer_x[5m])\n");
    expect((await tool("promtool", ["check", "rules", broken])).ok).toBe(false);
  }, 30_000);

  it("every alert has a category Alertmanager routes on, a severity and a runbook in German and English", () => {
    const docs = (lang: string) => anchors(readFileSync(path.join(here, "..", "docs", lang, "operations/alerts.md"), "utf8"));
    const [de, en] = [docs("de"), docs("en")];
    for (const rule of alerts) {
      expect(["printer", "application", "security", "compliance"], rule.alert).toContain(rule.labels?.category);
      expect(["critical", "warning", "info"], rule.alert).toContain(rule.labels?.severity);
      const anchor = rule.alert.toLowerCase();
      expect(rule.annotations?.runbook_url, rule.alert).toMatch(new RegExp(`/de/help/operations/alerts#${anchor}'?$`));
      expect(de.has(anchor), `docs/de/operations/alerts.md lacks ## ${rule.alert}`).toBe(true);
      expect(en.has(anchor), `docs/en/operations/alerts.md lacks ## ${rule.alert}`).toBe(true);
    }
  });
});

describe("Alertmanager example", () => {
  it("passes amtool check-config", async () => {
    requireTool("amtool", "prometheus-alertmanager");
    const check = await tool("amtool", ["check-config", alertmanagerFile]);
    expect(check.output).toContain("SUCCESS");
    expect(check.ok).toBe(true);
  }, 30_000);

  it.each([
    [["category=printer", "severity=critical"], "floor-urgent"],
    [["category=printer", "severity=warning"], "floor"],
    [["category=compliance", "severity=warning"], "owner-and-accountant"],
    [["category=security", "severity=info"], "owner"],
    [["category=application", "severity=critical"], "owner"],
    [["category=application", "severity=warning"], "shop"],
  ])("routes %j to %s", async (labels, receiver) => {
    requireTool("amtool", "prometheus-alertmanager");
    const routed = await tool("amtool", ["config", "routes", "test", `--config.file=${alertmanagerFile}`, `--verify.receivers=${receiver}`, ...labels]);
    expect(routed.output).toContain(receiver);
    expect(routed.ok).toBe(true);
  }, 30_000);

  it("amtool refuses a route to a receiver that does not exist, so the check above can fail", async () => {
    requireTool("amtool", "prometheus-alertmanager");
    const routed = await tool("amtool", ["config", "routes", "test", `--config.file=${alertmanagerFile}`, "--verify.receivers=owner", "category=printer", "severity=critical"]);
    expect(routed.ok).toBe(false);
  }, 30_000);
});
