import type { z } from "zod";
import englishMessages from "@/messages/en/errors.json";

/**
 * Every error code the API answers with, and its HTTP status. The UI localizes by code
 * (messages namespace "errors", one key per code); API clients get the English text.
 */
export const errorStatus = {
  bad_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  invalid_token: 401,
  forbidden: 403,
  cross_origin: 403,
  not_found: 404,
  conflict: 409,
  name_taken: 409,
  printer_busy: 409,
  printer_offline: 409,
  printer_disabled: 409,
  file_in_use: 409,
  bed_not_clear: 409,
  queue_item_active: 409,
  email_taken: 409,
  setup_done: 409,
  wrong_password: 422,
  file_type_unsupported: 422,
  upload_type_unsupported: 422,
  file_content_mismatch: 422,
  file_corrupt: 422,
  file_not_sliced: 422,
  last_admin: 409,
  rate_date_taken: 409,
  rate_in_force: 409,
  quote_file_unusable: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  camera_unavailable: 503,
  insufficient_storage: 507,
  streams_full: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ValidationIssue {
  /** Dotted path of the offending field, "" for the whole value. */
  path: string;
  code: string;
  message: string;
}

export type ErrorDetails = { issues: ValidationIssue[] } | Record<string, string | number | boolean | null>;

export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetails };
}

const messages: Record<string, string> = englishMessages;

/** The one error type thrown by lib functions and route handlers for expected failures. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: string = code,
    readonly details?: ErrorDetails,
  ) {
    super(messages[messageKey] ?? code);
    this.name = "ApiError";
  }

  toBody(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }

  toResponse(headers?: HeadersInit): Response {
    return Response.json(this.toBody(), { status: this.status, headers });
  }
}

/** Shorthand for the known codes: status and message key come from the table. */
export function apiError(code: ErrorCode, details?: ErrorDetails): ApiError {
  return new ApiError(errorStatus[code], code, code, details);
}

export function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    code: issue.code,
    message: issue.message,
  }));
}

export function validationError(error: z.ZodError): ApiError {
  return apiError("validation_failed", { issues: issuesOf(error) });
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
