"use client";

import { z } from "zod";
import { businessHoursConfigSchema, type BusinessHoursConfig } from "@/lib/business/calendar";
import { rateViewSchema } from "@/lib/business/rates/schemas";
import { retentionSettingsSchema } from "@/lib/compliance/retention-schemas";
import { apiFetch } from "./api-fetch";

const SETTINGS = "/api/reports/settings";

/** Adds a cost rate valid from a day on. */
export function createRate(body: Record<string, unknown>) {
  return apiFetch("/api/reports/rates", rateViewSchema, { method: "POST", body });
}

/** Saves part of the business settings (low-stock threshold, fallback price, DATEV numbers). */
export async function saveBusinessSettings(body: Record<string, unknown>): Promise<void> {
  await apiFetch(SETTINGS, z.object({}).loose(), { method: "PATCH", body });
}

/** Saves the business hours; answers with them as stored. */
export async function saveBusinessHours(businessHours: BusinessHoursConfig): Promise<BusinessHoursConfig> {
  const saved = await apiFetch(SETTINGS, z.object({ businessHours: businessHoursConfigSchema }).loose(), { method: "PATCH", body: { businessHours } });
  return saved.businessHours;
}

/** Saves the Impressum and privacy texts in both languages. */
export async function saveLegalTexts(body: { impressum: { de: string; en: string }; datenschutz: { de: string; en: string } }): Promise<void> {
  await apiFetch("/api/privacy/legal", z.object({}).loose(), { method: "PUT", body });
}

export function saveRetention(body: { businessYears: number; telemetryDays: number }) {
  return apiFetch("/api/audit/retention", retentionSettingsSchema, { method: "PATCH", body });
}

/** Runs the compliance self-check now; the page shows its stored result. */
export async function runComplianceCheck(): Promise<void> {
  await apiFetch("/api/audit/compliance", z.object({ result: z.object({ ok: z.boolean() }).loose() }), { method: "POST" });
}

/** Corrects a cost rate that is not yet in force. */
export function updateRate(id: string, body: Record<string, unknown>) {
  return apiFetch(`/api/reports/rates/${id}`, rateViewSchema, { method: "PATCH", body });
}

/** Deletes a cost rate that is not yet in force. */
export function deleteRate(id: string) {
  return apiFetch(`/api/reports/rates/${id}`, rateViewSchema, { method: "DELETE" });
}
