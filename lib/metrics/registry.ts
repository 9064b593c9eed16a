import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The web process's one Prometheus registry. Instruments that code records into while
 * it runs (HTTP durations, SSE clients, event lag) live here with small helpers, so a
 * caller never touches prom-client; gauges read from the database at scrape time are
 * defined in ./database-gauges.ts on the same registry.
 */
interface Instruments {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status">;
  sseClients: Gauge;
  sseEventsSent: Counter;
  eventLag: Histogram;
  scrapeErrors: Counter<"table">;
  loginRefusals: Counter<"reason">;
  rateLimitRefusals: Counter<"budget">;
}

function create(): Instruments {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: "printernizer_http_request_duration_seconds",
      help: "API request durations by route template, method and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    sseClients: new Gauge({
      name: "printernizer_sse_clients",
      help: "Server-sent event streams open in this web process",
      registers: [registry],
    }),
    sseEventsSent: new Counter({
      name: "printernizer_sse_events_sent_total",
      help: "Events written to server-sent event streams by this web process",
      registers: [registry],
    }),
    eventLag: new Histogram({
      name: "printernizer_event_lag_seconds",
      help: "Time from appending an event to sending it to a browser",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
    scrapeErrors: new Counter({
      name: "printernizer_metrics_scrape_errors_total",
      help: "Database reads that failed while computing a scrape, by table",
      labelNames: ["table"],
      registers: [registry],
    }),
    loginRefusals: new Counter({
      name: "printernizer_login_refusals_total",
      help: "Sign-ins refused by this web process, by reason (invalid, rate_limited, busy, disabled)",
      labelNames: ["reason"],
      registers: [registry],
    }),
    rateLimitRefusals: new Counter({
      name: "printernizer_rate_limit_refusals_total",
      help: "API requests refused with 429 by this web process, by budget",
      labelNames: ["budget"],
      registers: [registry],
    }),
  };
}

// Next dev re-evaluates modules; registering the same metric name twice would throw.
const holder = globalThis as typeof globalThis & { __printernizerMetrics?: Instruments };

export function instruments(): Instruments {
  holder.__printernizerMetrics ??= create();
  return holder.__printernizerMetrics;
}

export function metricsRegistry(): Registry {
  return instruments().registry;
}

export function recordHttpRequest(method: string, route: string, status: number, seconds: number): void {
  instruments().httpDuration.observe({ method, route, status: String(status) }, seconds);
}

export function sseClientOpened(): void {
  instruments().sseClients.inc();
}

export function sseClientClosed(): void {
  instruments().sseClients.dec();
}

/**
 * Counts one event written to a stream; `appendedAt` (the event's createdAt) is given for
 * live events only, since a replayed backlog is old on purpose and would drown the lag.
 */
export function recordSseEventSent(appendedAt: string | null, now = Date.now()): void {
  const { sseEventsSent, eventLag } = instruments();
  sseEventsSent.inc();
  if (appendedAt !== null) eventLag.observe(Math.max(0, (now - Date.parse(appendedAt)) / 1000));
}

export function recordScrapeError(table: string): void {
  instruments().scrapeErrors.inc({ table });
}

/** Security monitoring: a burst of refused sign-ins is someone guessing passwords. */
export function recordLoginRefused(reason: string): void {
  instruments().loginRefusals.inc({ reason });
}

export function recordRateLimitRefusal(budget: string): void {
  instruments().rateLimitRefusals.inc({ budget });
}
