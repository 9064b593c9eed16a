import { z } from "zod";
import { defineRoute } from "@/lib/api/route-spec";
import { datevSettingsSchema } from "./exports/datev";
import { exportRangeShape, withinExportCap } from "./exports/range";
import { materialInputSchema, materialPatchSchema, materialViewSchema, spoolInputSchema, spoolPatchSchema, spoolViewSchema } from "./inventory/inventory";
import { jobBusinessPatchSchema, jobBusinessViewSchema } from "./job-fields/job-fields";
import { rateInputSchema, rateViewSchema } from "./rates/rates";
import { reportRangeQuerySchema, reportSummarySchema } from "./reports/summary";
import { businessSettingsPatchSchema, businessSettingsSchema } from "./settings/settings";

/** The business domain's API operations (prices, materials, spools, job costs, reports, exports). */

const idParams = z.object({ id: z.string().min(1).max(64) });
const tags = ["business"] as const;

export const ratesList = defineRoute({
  permission: "business:read",
  response: z.object({ rates: z.array(rateViewSchema) }),
  openapi: { method: "GET", path: "/api/reports/rates", summary: "Dated prices and VAT settings, newest first", tags },
});

export const ratesCreate = defineRoute({
  permission: "settings:manage",
  body: rateInputSchema,
  response: rateViewSchema,
  openapi: {
    method: "POST",
    path: "/api/reports/rates",
    summary: "Add prices valid from a Berlin day",
    description: "One entry per Berlin day; a change from a later day is a new entry. Cent amounts are decimal strings (\"34.12\").",
    tags,
    successStatus: 201,
    errors: ["rate_date_taken"],
  },
});

export const ratesUpdate = defineRoute({
  permission: "settings:manage",
  params: idParams,
  body: rateInputSchema,
  response: rateViewSchema,
  openapi: {
    method: "PATCH",
    path: "/api/reports/rates/{id}",
    summary: "Correct prices that are not yet in force",
    description: "Prices in force (their day has begun in Berlin) were used for jobs and are refused with rate_in_force.",
    tags,
    errors: ["not_found", "rate_in_force", "rate_date_taken"],
  },
});

export const ratesDelete = defineRoute({
  permission: "settings:manage",
  params: idParams,
  response: rateViewSchema,
  openapi: { method: "DELETE", path: "/api/reports/rates/{id}", summary: "Delete prices that are not yet in force", tags, errors: ["not_found", "rate_in_force"] },
});

export const businessSettingsView = businessSettingsSchema.extend({ datev: datevSettingsSchema });

export const settingsGet = defineRoute({
  permission: "settings:manage",
  response: businessSettingsView,
  openapi: { method: "GET", path: "/api/reports/settings", summary: "Stock threshold, fallback filament price, DATEV accounts", tags },
});

export const settingsUpdate = defineRoute({
  permission: "settings:manage",
  body: businessSettingsPatchSchema.extend({ datev: datevSettingsSchema.partial().optional() }),
  response: businessSettingsView,
  openapi: { method: "PATCH", path: "/api/reports/settings", summary: "Change business settings", tags },
});

export const materialsList = defineRoute({
  permission: "materials:read",
  response: z.object({ materials: z.array(materialViewSchema) }),
  openapi: { method: "GET", path: "/api/materials", summary: "Filament materials; the price only for who may read the business", tags },
});

export const materialsCreate = defineRoute({
  permission: "business:edit",
  body: materialInputSchema,
  response: materialViewSchema,
  openapi: { method: "POST", path: "/api/materials", summary: "Add a material", tags, successStatus: 201 },
});

export const materialsUpdate = defineRoute({
  permission: "business:edit",
  params: idParams,
  body: materialPatchSchema,
  response: materialViewSchema,
  openapi: { method: "PATCH", path: "/api/materials/{id}", summary: "Change or archive a material", tags },
});

export const spoolsList = defineRoute({
  permission: "materials:read",
  response: z.object({ spools: z.array(spoolViewSchema), lowStockGrams: z.number().int() }),
  openapi: { method: "GET", path: "/api/spools", summary: "Spools, where they are loaded and what is left", tags },
});

export const spoolsCreate = defineRoute({
  permission: "business:edit",
  body: spoolInputSchema,
  response: spoolViewSchema,
  openapi: {
    method: "POST",
    path: "/api/spools",
    summary: "Add a spool, optionally loaded in a printer slot",
    description: "Slots: Bambu AMS \"ams0-tray0\"…\"ams0-tray3\", external \"ext\"; PrusaLink \"tool0\". One spool per slot.",
    tags,
    successStatus: 201,
    errors: ["conflict"],
  },
});

export const spoolsUpdate = defineRoute({
  permission: "business:edit",
  params: idParams,
  body: spoolPatchSchema,
  response: spoolViewSchema,
  openapi: { method: "PATCH", path: "/api/spools/{id}", summary: "Move, refill, weigh or archive a spool", tags, errors: ["conflict"] },
});

export const jobBusinessUpdate = defineRoute({
  permission: "business:edit",
  params: idParams,
  body: jobBusinessPatchSchema,
  response: jobBusinessViewSchema,
  openapi: {
    method: "PATCH",
    path: "/api/reports/jobs/{id}",
    summary: "Business or private, customer, order reference of a job",
    description: "After the job's month is closed, customer and order reference are refused (409 month_closed); switching business/private books a correction.",
    tags,
    errors: ["conflict"],
  },
});

export const jobCostRecompute = defineRoute({
  permission: "business:edit",
  params: idParams,
  response: jobBusinessViewSchema,
  openapi: {
    method: "POST",
    path: "/api/reports/jobs/{id}/recompute",
    summary: "Recompute a job's cost with the prices of its day",
    description: "Replaces the cost while the job's Berlin month is open; afterwards books a correction entry (GoBD) if it differs.",
    tags,
    errors: ["conflict"],
  },
});

export const monthsList = defineRoute({
  permission: "business:read",
  response: z.object({ closed: z.array(z.object({ year: z.number().int(), month: z.number().int(), closedAt: z.string(), closedById: z.string().nullable() })) }),
  openapi: { method: "GET", path: "/api/reports/months", summary: "Closed months", tags },
});

export const monthsClose = defineRoute({
  permission: "months:close",
  body: z.strictObject({ year: z.number().int().min(2000).max(2200), month: z.number().int().min(1).max(12) }),
  response: z.object({ year: z.number().int(), month: z.number().int() }),
  openapi: {
    method: "POST",
    path: "/api/reports/months",
    summary: "Close a Berlin month: its job costs become final",
    tags,
    successStatus: 201,
    errors: ["conflict"],
  },
});

export const reportsSummary = defineRoute({
  permission: "business:read",
  query: reportRangeQuerySchema,
  response: reportSummarySchema,
  openapi: {
    method: "GET",
    path: "/api/reports/summary",
    summary: "Jobs, print hours, filament, energy and money of Berlin days from..to (inclusive)",
    description: "Money in integer cents. Totals are sums of the stored per-job values; by month, printer, customer and business/private.",
    tags,
  },
});

const csvQuery = z.object({ ...exportRangeShape, locale: z.enum(["de", "en"]).default("de") }).superRefine(withinExportCap);

export const reportsJobsCsv = defineRoute({
  permission: "business:export",
  query: csvQuery,
  rateLimit: "export",
  openapi: {
    method: "GET",
    path: "/api/reports/jobs.csv",
    summary: "Jobs of the period as CSV (de: Excel with BOM, ';', decimal comma; en: ',', '.')",
    tags,
    responseContentType: "text/csv",
  },
});

export const reportsDatev = defineRoute({
  permission: "business:export",
  query: z.object(exportRangeShape).superRefine(withinExportCap),
  rateLimit: "export",
  openapi: {
    method: "GET",
    path: "/api/reports/datev.csv",
    summary: "DATEV Buchungsstapel (EXTF 700, Windows-1252) of the business jobs' revenue",
    tags,
    responseContentType: "text/csv",
    errors: ["validation_failed"],
  },
});

export const firstStepsDismiss = defineRoute({
  permission: "settings:manage",
  response: z.object({ dismissed: z.literal(true) }),
  openapi: { method: "POST", path: "/api/me/first-steps", summary: "Hide the first-steps checklist for the signed-in admin", tags },
});

export const businessApiRoutes = [
  firstStepsDismiss,
  ratesList,
  ratesCreate,
  ratesUpdate,
  ratesDelete,
  settingsGet,
  settingsUpdate,
  materialsList,
  materialsCreate,
  materialsUpdate,
  spoolsList,
  spoolsCreate,
  spoolsUpdate,
  jobBusinessUpdate,
  jobCostRecompute,
  monthsList,
  monthsClose,
  reportsSummary,
  reportsJobsCsv,
  reportsDatev,
];
