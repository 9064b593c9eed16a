import { defineRoute } from "@/lib/api/route-spec";
import { alertIdParamsSchema, alertListQuerySchema, alertListSchema, alertSchema, alertSettingsViewSchema } from "./schemas";
import { channelBodySchema, channelParamsSchema, channelsViewSchema, testOutcomeSchema } from "./notification-schemas";
import { alertSettingsPatchSchema } from "./settings";

/** The alerts domain's API operations; route handlers in app/api pass these to withApi. */

export const alertsList = defineRoute({
  permission: "alerts:read",
  query: alertListQuerySchema,
  response: alertListSchema,
  openapi: {
    method: "GET",
    path: "/api/alerts",
    summary: "Alerts, newest first (open: the condition still holds; past: resolved)",
    description: "Localize with `messageKey` (namespace alerts) and `params`. At most one open alert per printer and type.",
    tags: ["alerts"],
  },
});

export const alertsAcknowledge = defineRoute({
  permission: "alerts:acknowledge",
  params: alertIdParamsSchema,
  response: alertSchema,
  openapi: {
    method: "POST",
    path: "/api/alerts/{id}/acknowledge",
    summary: "Acknowledge an alert",
    description: "Idempotent; the first acknowledgement is kept. Acknowledging does not resolve: the condition does.",
    tags: ["alerts"],
  },
});

export const alertsSettingsGet = defineRoute({
  permission: "settings:manage",
  response: alertSettingsViewSchema,
  openapi: {
    method: "GET",
    path: "/api/alerts/settings",
    summary: "Alert limits and notification opt-ins",
    description: "`transports` says whether a webhook URL and an SMTP server are configured (environment only).",
    tags: ["alerts"],
  },
});

export const alertsSettingsUpdate = defineRoute({
  permission: "settings:manage",
  body: alertSettingsPatchSchema,
  response: alertSettingsViewSchema,
  openapi: {
    method: "PATCH",
    path: "/api/alerts/settings",
    summary: "Change alert limits and which alert types are sent by webhook or e-mail",
    tags: ["alerts"],
  },
});

export const alertsChannelsGet = defineRoute({
  permission: "settings:manage",
  response: channelsViewSchema,
  openapi: {
    method: "GET",
    path: "/api/alerts/channels",
    summary: "Notification channels (webhook, e-mail, ntfy) and the alert type catalogue",
    description:
      "Each channel says where its settings come from: `database` (saved here, takes precedence), `environment` " +
      "(PRINTERNIZER_ALERT_WEBHOOK_URL, PRINTERNIZER_SMTP_URL) or `none`. Secrets are never shown, only whether one is stored.",
    tags: ["alerts"],
  },
});

export const alertsChannelSave = defineRoute({
  permission: "settings:manage",
  body: channelBodySchema,
  response: channelsViewSchema,
  openapi: {
    method: "PUT",
    path: "/api/alerts/channels",
    summary: "Save one notification channel (replaces the environment's settings for it)",
    description:
      "A secret (webhook header value, SMTP password) left out keeps the stored one while the destination (URL and header name; " +
      "SMTP host, port, TLS and user) is unchanged; after such a change it must be sent again (422, issue code secret_required).",
    tags: ["alerts"],
  },
});

export const alertsChannelReset = defineRoute({
  permission: "settings:manage",
  params: channelParamsSchema,
  response: channelsViewSchema,
  openapi: {
    method: "DELETE",
    path: "/api/alerts/channels/{channel}",
    summary: "Forget a saved channel: the environment variables apply again",
    tags: ["alerts"],
  },
});

export const alertsChannelTest = defineRoute({
  permission: "settings:manage",
  body: channelBodySchema,
  response: testOutcomeSchema,
  openapi: {
    method: "POST",
    path: "/api/alerts/channels/test",
    summary: "Send a test notice with these channel settings and answer what the server said",
    description:
      "Sent by the web process with the worker's delivery code. Stored secrets are used as on save. At most 5 tests per " +
      "admin and minute (429 rate_limited). Audited.",
    tags: ["alerts"],
    errors: ["rate_limited"],
  },
});

export const alertsApiRoutes = [
  alertsList,
  alertsAcknowledge,
  alertsSettingsGet,
  alertsSettingsUpdate,
  alertsChannelsGet,
  alertsChannelSave,
  alertsChannelReset,
  alertsChannelTest,
];
