import { z } from "zod";

const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.object({ issues: z.array(z.object({ path: z.string(), message: z.string() })) }).partial().optional(),
  }),
});

/** An API answer other than 2xx; `code` is the key of its message in the "errors" namespace. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiClientError";
  }
}

/**
 * The browser's way to call our own API: same-origin JSON with the session cookie, the
 * error shape turned into ApiClientError, and the answer parsed with the route's schema.
 */
export async function apiFetch<T>(
  path: string,
  schema: z.ZodType<T>,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiClientError(0, "network", "network error");
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(payload);
    throw parsed.success
      ? new ApiClientError(response.status, parsed.data.error.code, parsed.data.error.message)
      : new ApiClientError(response.status, response.status >= 500 ? "internal" : "bad_request", response.statusText);
  }
  return schema.parse(payload);
}
