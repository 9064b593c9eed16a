import { NextRequest } from "next/server";
import { encodeSessionToken } from "@/lib/auth/session-token";
import type { UserRecord } from "@/lib/auth/users";
import type { RouteHandler } from "@/lib/api/handler";

/** For tests only: requests as a browser or API client would send them to route handlers. */

export const TEST_ORIGIN = "http://printernizer.test";

export interface TestRequestInit {
  body?: unknown;
  rawBody?: string | ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
}

export function testRequest(method: string, path: string, init: TestRequestInit = {}): NextRequest {
  const headers: Record<string, string> = { host: "printernizer.test", ...init.headers };
  let body: string | ReadableStream<Uint8Array> | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  return new NextRequest(new URL(path, TEST_ORIGIN), {
    method,
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  });
}

/** Headers of a signed-in browser on our own site. */
export async function browserHeaders(user: UserRecord): Promise<Record<string, string>> {
  const token = await encodeSessionToken({ uid: user.id, sv: user.sessionVersion });
  return { cookie: `next-auth.session-token=${token}`, origin: TEST_ORIGIN };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function call(handler: RouteHandler, req: NextRequest, params: Record<string, string> = {}): Promise<Response> {
  return handler(req, { params: Promise.resolve(params) });
}
