"use client";

import useSWR from "swr";
import { apiTokenListSchema, apiTokenSchema, createdTokenSchema, type ApiTokenDto, type CreateTokenBody } from "@/lib/auth/schemas";
import { apiFetch, schemaFetcher } from "./api-fetch";

const TOKENS = "/api/tokens";
const fetcher = schemaFetcher(apiTokenListSchema);

/** The signed-in user's API tokens; the server-rendered list is the first value. */
export function useTokens(initial: ApiTokenDto[]) {
  const { data, mutate } = useSWR(TOKENS, fetcher, { fallbackData: { tokens: initial } });
  return { tokens: data.tokens, revalidate: async () => void (await mutate()) };
}

/** Creates a token; the secret is in the answer once and never again. */
export function createToken(body: CreateTokenBody) {
  return apiFetch(TOKENS, createdTokenSchema, { method: "POST", body });
}

export function revokeToken(id: string) {
  return apiFetch(`${TOKENS}/${encodeURIComponent(id)}`, apiTokenSchema, { method: "DELETE" });
}
