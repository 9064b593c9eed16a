"use client";

import useSWR from "swr";
import { z } from "zod";
import type { Role } from "@/lib/auth/permissions";
import { userListSchema, userSchema, type UserDto } from "@/lib/auth/schemas";
import { apiFetch, schemaFetcher } from "./api-fetch";

const USERS = "/api/users";
const fetcher = schemaFetcher(userListSchema);

/** Every user (admin view); the server-rendered list is the first value. */
export function useUsers(initial: UserDto[]) {
  const { data, mutate } = useSWR(USERS, fetcher, { fallbackData: { users: initial } });
  return { users: data.users, revalidate: async () => void (await mutate()) };
}

export function createUser(body: { name: string; email: string; password: string; role: string }) {
  return apiFetch(USERS, userSchema, { method: "POST", body });
}

export function updateUser(id: string, patch: { role?: Role; disabled?: boolean; password?: string }) {
  return apiFetch(`${USERS}/${encodeURIComponent(id)}`, userSchema, { method: "PATCH", body: patch });
}

/** Erases a person (DSGVO): their records keep only a pseudonym, which is returned. */
export function eraseUser(id: string) {
  return apiFetch(`/api/privacy/users/${encodeURIComponent(id)}/erase`, z.object({ pseudonym: z.string() }), { method: "POST" });
}
