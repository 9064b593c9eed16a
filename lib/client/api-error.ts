import { z } from "zod";

/** The server's error body (ErrorBody in lib/api/errors.ts); details are read leniently, a code is enough. */
const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string().optional(), details: z.unknown().optional() }),
});

const issuesSchema = z.object({ issues: z.array(z.object({ path: z.string(), code: z.string().optional() })) });

/**
 * An API answer other than 2xx (status 0: the request never reached the server).
 * `code` is the key of its message in the "errors" namespace.
 */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiClientError";
  }

  /** Each invalid form field (the first segment of an issue's path) with the code of its first issue. */
  get fields(): Record<string, string> {
    const parsed = issuesSchema.safeParse(this.details);
    const fields: Record<string, string> = {};
    for (const issue of parsed.success ? parsed.data.issues : []) {
      fields[issue.path.split(".")[0] ?? ""] ??= issue.code ?? "invalid";
    }
    return fields;
  }
}

/** The error a refused answer stands for, read from the server's error body when it sent one. */
export function apiClientErrorOf(response: Pick<Response, "status" | "statusText">, payload: unknown): ApiClientError {
  const parsed = errorBodySchema.safeParse(payload);
  if (!parsed.success) return new ApiClientError(response.status, response.status >= 500 ? "internal" : "bad_request", response.statusText);
  const { code, message, details } = parsed.data.error;
  return new ApiClientError(response.status, code, message ?? code, details);
}
