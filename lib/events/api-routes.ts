import { z } from "zod";
import { defineRoute } from "@/lib/api/route-spec";

export const eventsStreamRoute = defineRoute({
  rateLimit: "stream",
  permission: "events:read",
  query: z.object({ lastEventId: z.string().regex(/^\d+$/).optional() }),
  openapi: {
    method: "GET",
    path: "/api/events",
    summary: "Live event stream (server-sent events)",
    description:
      "Each message's `id:` is the event id and `data:` the event as JSON ({id, type, printerId, createdAt, payload}). " +
      "Resume after a disconnect with the `Last-Event-ID` header (browsers send it themselves) or `?lastEventId=`; " +
      "comments (`: ping`) keep idle connections open.",
    tags: ["events"],
    responseContentType: "text/event-stream",
  },
});

export const eventsApiRoutes = [eventsStreamRoute];
