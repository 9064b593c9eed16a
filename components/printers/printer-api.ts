import { z } from "zod";
import {
  deletePrinterResponseSchema,
  printerCommandResponseSchema,
  printerViewSchema,
  testConnectionResponseSchema,
  type PrinterView,
} from "@/lib/printers/schemas";
import type { PrinterAction } from "@/lib/printers/types";

const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    details: z.object({ issues: z.array(z.object({ path: z.string(), code: z.string().optional() })) }).partial().optional(),
  }),
});

/** A refused request; `fields` maps each invalid form field (its API issue path) to the issue's code. */
export class PrinterApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fields: Record<string, string>,
  ) {
    super(code);
    this.name = "PrinterApiError";
  }
}

async function call<T>(path: string, schema: z.ZodType<T>, method: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new PrinterApiError(0, "network", {});
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(payload);
    const code = parsed.success ? parsed.data.error.code : response.status >= 500 ? "internal" : "bad_request";
    const fields: Record<string, string> = {};
    for (const issue of parsed.success ? (parsed.data.error.details?.issues ?? []) : []) {
      const field = issue.path.split(".")[0] ?? "";
      fields[field] ??= issue.code ?? "invalid";
    }
    throw new PrinterApiError(response.status, code, fields);
  }
  return schema.parse(payload);
}

const base = (id: string) => `/api/printers/${encodeURIComponent(id)}`;

export function sendCommand(id: string, action: PrinterAction) {
  return call(`${base(id)}/commands?wait=1`, printerCommandResponseSchema, "POST", { action });
}

export function testConnection(body: Record<string, unknown>) {
  return call("/api/printers/test-connection", testConnectionResponseSchema, "POST", body);
}

export function createPrinter(body: Record<string, unknown>): Promise<PrinterView> {
  return call("/api/printers", printerViewSchema, "POST", body);
}

export function updatePrinter(id: string, body: Record<string, unknown>): Promise<PrinterView> {
  return call(base(id), printerViewSchema, "PATCH", body);
}

export function removePrinter(id: string) {
  return call(base(id), deletePrinterResponseSchema, "DELETE");
}
