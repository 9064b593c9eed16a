import { audit, type AuditActor } from "@/lib/audit/audit";
import { apiError } from "@/lib/api/errors";
import { civilOf } from "../reports/period";
import { readSetting } from "../settings/settings";
import { datevBookings, datevSettingsSchema, DATEV_SETTINGS_KEY, encodeWindows1252, stapelDescription } from "./datev";
import { readBusinessProfile } from "../profile/profile";
import { jobsCsvForRange } from "./jobs-csv";
import { reportCorrectionRows } from "../reports/corrections";
import { reportJobRows } from "../reports/summary";

/** File exports of the reports; every export is written to the audit trail (GoBD: who took which data when). */

export interface ExportContext {
  actor: AuditActor;
  ip: string | null;
}

function attachment(body: string | Buffer, fileName: string, contentType: string): Response {
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}

export async function jobsCsvExport(from: string, to: string, locale: "de" | "en", context: ExportContext): Promise<Response> {
  if (from > to) throw apiError("validation_failed", { field: "to" });
  const csv = await jobsCsvForRange(from, to, locale);
  await audit({ actor: context.actor, action: "report.export", target: "jobs.csv", details: { from, to, locale }, ip: context.ip });
  return attachment(csv, `printernizer-jobs-${from}-${to}.csv`, "text/csv; charset=utf-8");
}

export async function datevExport(from: string, to: string, context: ExportContext): Promise<Response> {
  if (from > to) throw apiError("validation_failed", { field: "to" });
  const [settings, profile] = await Promise.all([readSetting(DATEV_SETTINGS_KEY, datevSettingsSchema), readBusinessProfile()]);
  const rows = (await reportJobRows(from, to)).filter((row) => row.businessUse);
  const corrections = await reportCorrectionRows(from, to);
  let text: string;
  try {
    text = datevBookings(rows, { settings, from: civilOf(from), to: civilOf(to), createdAt: new Date(), description: stapelDescription(profile.name, from) }, corrections);
  } catch (error) {
    if (error instanceof RangeError) throw apiError("validation_failed", { field: "to", reason: "fiscal_year" });
    throw error;
  }
  await audit({ actor: context.actor, action: "report.export", target: "datev.csv", details: { from, to, bookings: rows.length + corrections.length }, ip: context.ip });
  return attachment(encodeWindows1252(text), `EXTF_Buchungsstapel_${from}_${to}.csv`, "text/csv; charset=windows-1252");
}
