import { withApi } from "@/lib/auth/with-api";
import { eventForViewer } from "@/lib/catalog/event-visibility";
import { eventsStreamRoute } from "@/lib/events/api-routes";
import type { StreamEvent } from "@/lib/events/stream-event";
import { apiError } from "@/lib/api/errors";
import { eventStream, parseLastEventId, sseLimits, streamCapacityLeft } from "@/lib/events/sse";

/** Seconds a client refused for a full process waits (browsers use their own backoff, lib/client/live-stream.ts). */
const FULL_RETRY_SECONDS = 5;

export const dynamic = "force-dynamic";

export const GET = withApi(async ({ req, query, user }) => {
  const limits = sseLimits();
  if (!streamCapacityLeft(limits)) {
    return apiError("streams_full", { limit: limits.perProcess, retryAfterSeconds: FULL_RETRY_SECONDS }).toResponse({ "Retry-After": String(FULL_RETRY_SECONDS) });
  }
  const lastEventId = parseLastEventId(req.headers.get("last-event-id"), query.lastEventId ?? null);
  const view = (event: StreamEvent) => eventForViewer(event, user.permissions);
  // Viewers with the same permissions see the same of every event: one frame serves them all.
  const viewKey = [...user.permissions].sort().join(",");
  return new Response(eventStream({ lastEventId, signal: req.signal, owner: user.id, limits, view, viewKey }), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    },
  });
}, eventsStreamRoute);
