import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { metricFamilies } from "@/lib/catalog/database-gauges";

/**
 * Dashboards and alert rules name metrics by string; this keeps them honest: every name
 * must be served by /api/metrics (lib/metrics) or be a documented node_exporter metric.
 */
const here = import.meta.dirname;
const nodeExporter = new Set(["node_filesystem_avail_bytes", "node_filesystem_size_bytes"]);
const families = metricFamilies();
const suffixes = ["_bucket", "_sum", "_count"];

function known(name: string): boolean {
  if (families.has(name) || nodeExporter.has(name)) return true;
  return suffixes.some((s) => name.endsWith(s) && families.get(name.slice(0, -s.length)) === "histogram");
}

/** Metric names in a PromQL expression: identifiers that are not functions, keywords or labels. */
function metricNames(expr: string): string[] {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\{[^}]*\}/g, "{}").replace(/\[[^\]]*\]/g, "[]");
  const withoutGrouping = withoutStrings.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, "");
  return [...withoutGrouping.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)]
    .map((m) => m[1])
    .filter((word) => !["and", "or", "unless", "bool", "offset", "le", "inf", "e"].includes(word) && /_/.test(word));
}

const ruleSchema = z.union([
  z.object({ alert: z.string(), expr: z.string() }).passthrough(),
  z.object({ record: z.string(), expr: z.string() }).passthrough(),
]);
const rulesSchema = z.object({ groups: z.array(z.object({ name: z.string(), rules: z.array(ruleSchema) })) });
const dashboardSchema = z.object({
  panels: z.array(z.object({ title: z.string(), targets: z.array(z.object({ expr: z.string() })).optional() }).passthrough()),
});

const rules = rulesSchema.parse(parse(readFileSync(path.join(here, "prometheus/alerts.yaml"), "utf8")));
const all = rules.groups.flatMap((g) => g.rules);
// Recording rules name series of their own ("printernizer:…"); alerts and panels may use those.
const recorded = new Set(all.flatMap((rule) => ("record" in rule ? [String(rule.record)] : [])));

describe("ops files", () => {
  it("alert rules reference only served metrics and cover the required alerts", () => {
    for (const rule of all) {
      const label = "alert" in rule ? String(rule.alert) : String(rule.record);
      const names = metricNames(rule.expr);
      expect(names.length, label).toBeGreaterThan(0);
      expect(names.filter((n) => !known(n) && !recorded.has(n)), label).toEqual([]);
    }
    const exprs = all.map((r) => r.expr).join("\n");
    for (const needle of [
      'type="overheat"',
      "offline_while_printing",
      "printernizer_worker_heartbeat_age_seconds",
      'printernizer_downloads{status="failed"}',
      "printernizer_event_lag_seconds_bucket",
      "node_filesystem_avail_bytes",
      "printernizer_backup_last_success_timestamp_seconds > 26 * 3600",
    ]) {
      expect(exprs).toContain(needle);
    }
  });

  it("the Grafana dashboard references only served metrics and has printer, application and business panels", () => {
    const dashboard = dashboardSchema.parse(JSON.parse(readFileSync(path.join(here, "grafana/printernizer-dashboard.json"), "utf8")));
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ title: p.title, expr: t.expr })));
    expect(exprs.length).toBeGreaterThan(20);
    for (const { title, expr } of exprs) expect(metricNames(expr).filter((n) => !known(n) && !recorded.has(n)), title).toEqual([]);
    const rows = dashboard.panels.filter((p) => p.type === "row").map((p) => p.title);
    expect(rows).toEqual(["Printers", "Application", "Business (current Berlin month)"]);
  });

  it("the name check itself catches a misspelled metric", () => {
    expect(metricNames('sum by (le) (rate(printernizer_event_lag_second_bucket{x="y"}[5m]))').filter((n) => !known(n))).toEqual([
      "printernizer_event_lag_second_bucket",
    ]);
    expect(metricNames("time() - printernizer_backup_last_success_timestamp_seconds > 26 * 3600").every(known)).toBe(true);
  });

  it("the nginx example keeps SSE unbuffered with a long read timeout", () => {
    const conf = readFileSync(path.join(here, "nginx/printernizer.conf"), "utf8");
    const events = /location = \/api\/events \{([^}]*)\}/.exec(conf)?.[1] ?? "";
    expect(events).toMatch(/proxy_buffering off;/);
    expect(events).toMatch(/proxy_read_timeout 3600s;/);
    expect(conf).toMatch(/location = \/api\/metrics \{ return 404; \}/);
  });

  it("the nginx example replaces X-Forwarded-For with the address it saw, in every location", () => {
    const conf = readFileSync(path.join(here, "nginx/printernizer.conf"), "utf8");
    const locations = [...conf.matchAll(/location [^{]*\{([^}]*)\}/g)].map((m) => m[1]).filter((body) => body.includes("proxy_pass"));
    expect(locations.length).toBe(2);
    for (const body of locations) {
      expect(body).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
      expect(body).toMatch(/proxy_set_header X-Forwarded-Proto \$scheme;/);
    }
    expect(conf).toContain("PRINTERNIZER_TRUSTED_PROXIES=127.0.0.1/32");
  });
});
