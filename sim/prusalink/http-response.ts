import type { ServerResponse } from "node:http";
import type { WireValue } from "./json-wire";
import { toWireJson } from "./json-wire";

/** Reason phrases as the Buddy firmware prints them (sic). */
const statusTexts: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  206: "Partial Content",
  304: "Not Modified",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  411: "Length Required",
  415: "Unsupported Media Type",
  416: "Range Not Satisfiable",
  500: "Infernal Server Error",
  503: "Service Temporarily Unavailable",
};

export function statusText(status: number): string {
  return statusTexts[status] ?? "???";
}

export type Headers = Record<string, string | number>;

export function sendJson(res: ServerResponse, status: number, body: WireValue, headers: Headers = {}): void {
  const payload = Buffer.from(toWireJson(body), "utf8");
  res.writeHead(status, statusText(status), {
    "Content-Type": "application/json",
    "Content-Length": payload.length,
    ...headers,
  });
  res.end(payload);
}

export function sendEmpty(res: ServerResponse, status: 204 | 304 | 201 | 200, headers: Headers = {}): void {
  res.writeHead(status, statusText(status), { "Content-Type": "text/plain", "Content-Length": 0, ...headers });
  res.end();
}

/**
 * Buddy's error page: `404: Not Found\n\n<message>\n` as text, or
 * `{"title": "404: Not Found","message":"…"}` when the client accepts JSON.
 */
export function sendStatusPage(
  res: ServerResponse,
  status: number,
  opts: { json: boolean; message?: string; headers?: Headers },
): void {
  const message = opts.message ?? "";
  const title = `${status}: ${statusText(status)}`;
  const body = opts.json
    ? `{"title": ${JSON.stringify(title)},"message":${JSON.stringify(message)}}`
    : `${title}\n\n${message}\n`;
  const payload = Buffer.from(body, "utf8");
  res.writeHead(status, statusText(status), {
    "Content-Type": opts.json ? "application/json" : "text/plain",
    "Content-Length": payload.length,
    ...(opts.headers ?? {}),
  });
  res.end(payload);
}
