import { z } from "zod";
import { defineRoute } from "@/lib/api/route-spec";
import { auditListSchema, auditQuerySchema } from "./audit-log";
import { legalContentPatchSchema } from "./legal-content";
import { retentionSettingsPatchSchema, retentionSettingsSchema } from "./retention-settings";
import { complianceResultSchema } from "./self-check";

/** Compliance operations: audit trail, retention, self-check, DSGVO export and erasure, legal texts. */

const tags = ["compliance"] as const;
const localized = z.object({ de: z.string(), en: z.string() });

export const auditList = defineRoute({
  permission: "audit:read",
  query: auditQuerySchema,
  response: auditListSchema,
  openapi: { method: "GET", path: "/api/audit", summary: "Audit trail, newest first; filter by action prefix, actor and time", tags },
});

export const auditExport = defineRoute({
  permission: "audit:read",
  query: auditQuerySchema.omit({ page: true, pageSize: true }).extend({ locale: z.enum(["de", "en"]).default("de") }),
  rateLimit: "export",
  openapi: { method: "GET", path: "/api/audit/export.csv", summary: "Audit trail as CSV", tags, responseContentType: "text/csv" },
});

export const complianceGet = defineRoute({
  permission: "audit:read",
  response: z.object({ result: complianceResultSchema.nullable() }),
  openapi: { method: "GET", path: "/api/audit/compliance", summary: "The latest compliance self-check", tags },
});

export const complianceRun = defineRoute({
  permission: "audit:read",
  response: z.object({ result: complianceResultSchema }),
  openapi: { method: "POST", path: "/api/audit/compliance", summary: "Run the compliance self-check now", tags },
});

export const retentionGet = defineRoute({
  permission: "settings:manage",
  response: retentionSettingsSchema,
  openapi: { method: "GET", path: "/api/audit/retention", summary: "Retention periods", tags },
});

export const retentionUpdate = defineRoute({
  permission: "settings:manage",
  body: retentionSettingsPatchSchema,
  response: retentionSettingsSchema,
  openapi: {
    method: "PATCH",
    path: "/api/audit/retention",
    summary: "Change retention periods",
    description: "businessYears at least 6 (statutory: 6, 8 or 10 years by record type, HGB § 257, AO § 147, GoBD).",
    tags,
  },
});

export const jobDelete = defineRoute({
  permission: "settings:manage",
  params: z.object({ id: z.string().min(1).max(64) }),
  openapi: {
    method: "DELETE",
    path: "/api/reports/jobs/{id}",
    summary: "Delete a job's business record after its retention period",
    description: "Refused (409, details.reason = retention) before 1 January after the retention years have passed.",
    tags,
    successStatus: 204,
    errors: ["conflict"],
  },
});

export const privacyExport = defineRoute({
  rateLimit: "export",
  openapi: {
    method: "GET",
    path: "/api/privacy/export",
    summary: "All personal data held about the signed-in user, as JSON (DSGVO Art. 15, 20)",
    tags,
    responseContentType: "application/json",
  },
});

export const privacyErase = defineRoute({
  permission: "users:manage",
  params: z.object({ id: z.string().min(1).max(64) }),
  response: z.object({ pseudonym: z.string() }),
  openapi: {
    method: "POST",
    path: "/api/privacy/users/{id}/erase",
    summary: "Erase a person (DSGVO Art. 17): disable, pseudonymize, revoke tokens; business records stay",
    tags,
    errors: ["conflict", "last_admin"],
  },
});

export const legalGet = defineRoute({
  permission: "settings:manage",
  response: z.object({ impressum: localized, datenschutz: localized }),
  openapi: { method: "GET", path: "/api/privacy/legal", summary: "Impressum and privacy notice texts", tags },
});

export const legalUpdate = defineRoute({
  permission: "settings:manage",
  body: legalContentPatchSchema,
  response: z.object({ impressum: localized, datenschutz: localized }),
  openapi: { method: "PUT", path: "/api/privacy/legal", summary: "Change the Impressum and privacy notice texts", tags },
});

export const complianceApiRoutes = [auditList, auditExport, complianceGet, complianceRun, retentionGet, retentionUpdate, jobDelete, privacyExport, privacyErase, legalGet, legalUpdate];
