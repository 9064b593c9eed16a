import { withApi } from "@/lib/auth/with-api";
import { eventForViewer } from "@/lib/catalog/event-visibility";
import { eventsStreamRoute } from "@/lib/events/api-routes";
import { eventStream, parseLastEventId } from "@/lib/events/sse";

export const dynamic = "force-dynamic";

export const GET = withApi(async ({ req, query, user }) => {
  const lastEventId = parseLastEventId(req.headers.get("last-event-id"), query.lastEventId ?? null);
  return new Response(eventStream({ lastEventId, signal: req.signal, owner: user.id, view: (event) => eventForViewer(event, user.permissions) }), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    },
  });
}, eventsStreamRoute);
