/**
 * `npm run ops:prometheus-rule` writes deploy/k8s/base/prometheusrule.yaml from
 * ops/prometheus/alerts.yaml, so Kubernetes and a plain Prometheus run the same rules
 * (deploy/k8s/manifests.test.ts fails when the two differ).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";

const repo = path.resolve(import.meta.dirname, "../..");
const rules: unknown = parse(readFileSync(path.join(repo, "ops/prometheus/alerts.yaml"), "utf8"));
const manifest = {
  apiVersion: "monitoring.coreos.com/v1",
  kind: "PrometheusRule",
  metadata: { name: "printernizer", labels: { release: "prometheus" } },
  spec: rules,
};
const header = "# Generated from ops/prometheus/alerts.yaml by `npm run ops:prometheus-rule` (deploy/k8s/manifests.test.ts checks they match).\n";
writeFileSync(path.join(repo, "deploy/k8s/base/prometheusrule.yaml"), header + stringify(manifest, { lineWidth: 0 }));
