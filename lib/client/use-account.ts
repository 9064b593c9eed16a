"use client";

import { z } from "zod";
import { meSchema, userSchema } from "@/lib/auth/schemas";
import { apiFetch } from "./api-fetch";

/** The signed-in user. */
export function fetchMe() {
  return apiFetch("/api/me", meSchema);
}

/** Changes the signed-in user's own name and language, or password. */
export function updateMe(body: { name: string; locale: string | null } | { currentPassword: string; newPassword: string }) {
  return apiFetch("/api/me", meSchema, { method: "PATCH", body });
}

/** Creates the first user (admin) of a fresh installation. */
export function createFirstUser(body: { email: string; name: string; password: string }) {
  return apiFetch("/api/setup", userSchema, { method: "POST", body });
}

/** Hides the first-steps checklist for the signed-in admin. */
export function dismissFirstSteps() {
  return apiFetch("/api/me/first-steps", z.object({ dismissed: z.literal(true) }), { method: "POST" });
}
