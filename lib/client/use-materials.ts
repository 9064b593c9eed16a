"use client";

import { materialViewSchema, spoolViewSchema } from "@/lib/business/inventory/schemas";
import { apiFetch } from "./api-fetch";

export function createMaterial(body: Record<string, unknown>) {
  return apiFetch("/api/materials", materialViewSchema, { method: "POST", body });
}

export function createSpool(body: Record<string, unknown>) {
  return apiFetch("/api/spools", spoolViewSchema, { method: "POST", body });
}

export function setSpoolRemaining(id: string, remainingGrams: number) {
  return apiFetch(`/api/spools/${id}`, spoolViewSchema, { method: "PATCH", body: { remainingGrams } });
}

export function updateMaterial(id: string, body: Record<string, unknown>) {
  return apiFetch(`/api/materials/${id}`, materialViewSchema, { method: "PATCH", body });
}

export function updateSpool(id: string, body: Record<string, unknown>) {
  return apiFetch(`/api/spools/${id}`, spoolViewSchema, { method: "PATCH", body });
}
