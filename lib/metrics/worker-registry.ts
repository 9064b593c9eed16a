import { Registry, collectDefaultMetrics } from "prom-client";

/**
 * The worker process's own metrics (CPU, memory, event loop, GC), served on its
 * liveness port at GET /metrics. Fleet and business figures come from the web's
 * /api/metrics, which reads them from the database, so they are not repeated here.
 */
let registry: Registry | null = null;

export function workerMetricsRegistry(): Registry {
  if (!registry) {
    registry = new Registry();
    registry.setDefaultLabels({ process: "worker" });
    collectDefaultMetrics({ register: registry });
  }
  return registry;
}
