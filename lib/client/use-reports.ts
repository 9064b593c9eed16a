"use client";

import { z } from "zod";
import { jobBusinessViewSchema, type JobBusinessPatch } from "@/lib/business/job-fields/schemas";
import { apiFetch } from "./api-fetch";

/** Closes a month: its jobs and figures are frozen for the books. */
export async function closeMonth(year: number, month: number): Promise<void> {
  await apiFetch("/api/reports/months", z.object({ year: z.number(), month: z.number() }), { method: "POST", body: { year, month } });
}

/** Sets the labour minutes booked on a job (null clears them). */
export function saveJobLabour(jobId: string, labourMinutes: number | null) {
  return apiFetch(`/api/reports/jobs/${jobId}`, jobBusinessViewSchema, { method: "PATCH", body: { labourMinutes } });
}

/** Sets a job's customer, order reference and business or private use. */
export function saveJobFields(jobId: string, patch: Pick<JobBusinessPatch, "customer" | "orderReference" | "businessUse">) {
  return apiFetch(`/api/reports/jobs/${jobId}`, jobBusinessViewSchema, { method: "PATCH", body: patch });
}
