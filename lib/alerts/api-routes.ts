import { defineRoute } from "@/lib/api/route-spec";
import { alertIdParamsSchema, alertListQuerySchema, alertListSchema, alertSchema, alertSettingsViewSchema } from "./schemas";
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

export const alertsApiRoutes = [alertsList, alertsAcknowledge, alertsSettingsGet, alertsSettingsUpdate];
