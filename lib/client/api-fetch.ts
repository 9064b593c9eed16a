import type { z } from "zod";
import { ApiClientError, apiClientErrorOf } from "./api-error";

export interface ApiRequest {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
}

/**
 * The browser's one way to call our own API: same-origin JSON with the session cookie,
 * a refusal turned into ApiClientError, and the answer parsed with the route's schema.
 */
export async function apiFetch<T>(path: string, schema: z.ZodType<T>, init: ApiRequest = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers: { ...pageLanguage(), ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiClientError(0, "network", "network error");
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiClientErrorOf(response, payload);
  return schema.parse(payload);
}

/**
 * Texts the API writes (queue reasons) follow the page the user reads, not only the profile:
 * the page's language goes as Accept-Language, which the browser would fill with its own.
 */
function pageLanguage(): Record<string, string> {
  const lang = typeof document === "undefined" ? "" : document.documentElement.lang;
  return lang ? { "accept-language": lang } : {};
}

/** An SWR fetcher that parses the answer with the route's schema. */
export function schemaFetcher<T>(schema: z.ZodType<T>): (url: string) => Promise<T> {
  return (url) => apiFetch(url, schema);
}
