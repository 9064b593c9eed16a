"use client";

import { businessProfileViewSchema, type BusinessProfilePatch } from "@/lib/business/profile/schemas";
import { apiFetch } from "./api-fetch";

/** Saves the shop's business details; answers with them as stored and what is still missing. */
export function saveBusinessProfile(body: BusinessProfilePatch) {
  return apiFetch("/api/business/profile", businessProfileViewSchema, { method: "PATCH", body });
}
