import type { z } from "zod";
import { apiFetch } from "@/components/auth/api-client";

/** An SWR fetcher that parses the answer with the route's schema. */
export function schemaFetcher<T>(schema: z.ZodType<T>): (url: string) => Promise<T> {
  return (url) => apiFetch(url, schema);
}
