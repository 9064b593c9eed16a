import type { Readable } from "node:stream";
import type { LookupFunction } from "node:net";
import { Pool, type Dispatcher } from "undici";
import type { PrinterFailure } from "@/lib/printers/types";
import type { PrusaLinkConnection } from "./kind";
import { DigestSession } from "./digest-auth";
import { failure, failureFromError, failureFromStatus, failureKeys, isNetworkError } from "./failures";
import { SerialQueue } from "./serial-queue";

/**
 * The one HTTP connection to one printer. It applies the timeouts, answers Digest
 * challenges, lets exactly one request be in flight (a queue, and a pool of one
 * connection) and turns every network error or unexpected status into a PrinterFailure.
 */

export type HttpMethod = "GET" | "HEAD" | "PUT" | "POST" | "DELETE";
export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface HttpRequest {
  method: HttpMethod;
  /** Request target exactly as sent (percent-encoded); the Digest `uri` is this string. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Statuses the caller interprets; any other becomes a PrinterFailure. */
  expect: readonly number[];
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  body: Buffer;
}

export interface StreamRequest extends Omit<HttpRequest, "body"> {
  /** Streamed once: cannot be replayed after a 401. */
  body?: Readable;
  signal?: AbortSignal;
}

export interface StreamResponse {
  status: number;
  headers: ResponseHeaders;
  body: Readable;
}

/** What api.ts needs from a connection; tests substitute their own. */
export interface PrusaLinkTransport {
  send(req: HttpRequest): Promise<HttpResponse>;
  /** Runs `consume` while holding the connection; the response body is discarded afterwards. */
  stream<T>(req: StreamRequest, consume: (res: StreamResponse) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Total milliseconds the printer spent on buffered requests (queue waits and streams excluded). */
  busyMs?(): number;
}

export interface HttpOptions {
  connectTimeoutMs: number;
  /** Whole request, headers and body, for buffered requests. */
  requestTimeoutMs: number;
  /** Streams: until the response headers arrive. */
  headersTimeoutMs: number;
  /** Streams: longest silence between two body chunks. */
  bodyIdleTimeoutMs: number;
  maxBodyBytes: number;
  /** Before streaming an upload, a nonce older than this is renewed (the body cannot be replayed). */
  freshNonceMs: number;
  /** Keep-alive is short: the board drops idle sockets and a reused dead socket fails a request. */
  keepAliveMs: number;
  /** Only for tests: stands in for DNS resolution. */
  lookup?: LookupFunction;
}

export const defaultHttpOptions: HttpOptions = {
  connectTimeoutMs: 5_000,
  requestTimeoutMs: 15_000,
  headersTimeoutMs: 20_000,
  bodyIdleTimeoutMs: 30_000,
  maxBodyBytes: 16 * 1024 * 1024,
  freshNonceMs: 60_000,
  keepAliveMs: 2_000,
};

type Auth =
  | { kind: "digest"; session: DigestSession }
  | { kind: "apiKey"; key: string }
  | { kind: "none" };

export type AuthMode = Auth["kind"];

function authFor(conn: PrusaLinkConnection): Auth {
  if (conn.password) {
    return { kind: "digest", session: new DigestSession({ username: conn.username || "maker", password: conn.password }) };
  }
  if (conn.apiKey) return { kind: "apiKey", key: conn.apiKey };
  return { kind: "none" };
}

export function originOf(conn: Pick<PrusaLinkConnection, "host" | "httpPort">): string {
  const host = conn.host.includes(":") && !conn.host.startsWith("[") ? `[${conn.host}]` : conn.host;
  return `http://${host}:${conn.httpPort}`;
}

const idempotent = new Set<HttpMethod>(["GET", "HEAD"]);
const retryableSocketCodes = new Set(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"]);

function isStaleSocket(f: PrinterFailure): boolean {
  let current: unknown = f.cause;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if ("code" in current && typeof current.code === "string" && retryableSocketCodes.has(current.code)) return true;
    current = current.cause;
  }
  return false;
}

async function readLimited(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buf.length;
    if (size > limit) {
      body.destroy();
      throw failure("temporary", "protocol", failureKeys.notPrusaLink, `response larger than ${limit} bytes`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

async function discard(body: Readable): Promise<string> {
  try {
    return (await readLimited(body, 4096)).toString("utf8");
  } catch {
    return "";
  }
}

export class PrusaLinkHttpClient implements PrusaLinkTransport {
  private readonly pool: Pool;
  private readonly queue = new SerialQueue();
  private readonly auth: Auth;
  private readonly options: HttpOptions;
  private closed = false;
  private requestCount = 0;
  private busy = 0;

  constructor(conn: PrusaLinkConnection, options: Partial<HttpOptions> = {}) {
    this.options = { ...defaultHttpOptions, ...options };
    this.auth = authFor(conn);
    this.pool = new Pool(originOf(conn), {
      connections: 1,
      pipelining: 1,
      keepAliveTimeout: this.options.keepAliveMs,
      keepAliveMaxTimeout: this.options.keepAliveMs,
      headersTimeout: this.options.headersTimeoutMs,
      bodyTimeout: this.options.bodyIdleTimeoutMs,
      connect: {
        timeout: this.options.connectTimeoutMs,
        ...(this.options.lookup ? { lookup: this.options.lookup } : {}),
      },
    });
  }

  get authMode(): AuthMode {
    return this.auth.kind;
  }

  stats(): { requests: number; running: number; waiting: number; peak: number } {
    return { requests: this.requestCount, ...this.queue.stats() };
  }

  busyMs(): number {
    return this.busy;
  }

  send(req: HttpRequest): Promise<HttpResponse> {
    return this.queue.run(() => this.sendLocked(req));
  }

  stream<T>(req: StreamRequest, consume: (res: StreamResponse) => Promise<T>): Promise<T> {
    return this.queue.run(() => this.streamLocked(req, consume));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.destroy();
  }

  private assertOpen(): void {
    if (this.closed) throw failure("permanent", "tcp", failureKeys.stopped);
  }

  private authorization(method: HttpMethod, path: string): { headers: Record<string, string>; nonce: string | null } {
    const auth = this.auth;
    if (auth.kind === "apiKey") return { headers: { "x-api-key": auth.key }, nonce: null };
    if (auth.kind === "digest") {
      const a = auth.session.authorize(method, path);
      if (a) return { headers: { authorization: a.header }, nonce: a.nonce };
    }
    return { headers: {}, nonce: null };
  }

  /** Learns the new nonce from a 401 and returns when one more try can help; throws otherwise. */
  private onUnauthorized(headers: ResponseHeaders, usedNonce: string | null, context: string): void {
    if (this.auth.kind !== "digest") throw failureFromStatus(401, context);
    const verdict = this.auth.session.accept(headers["www-authenticate"], usedNonce);
    if (verdict === "unsupported") throw failure("permanent", "auth", failureKeys.unsupportedAuth, context);
    if (verdict === "rejected") throw failureFromStatus(401, context);
  }

  private async sendLocked(req: HttpRequest): Promise<HttpResponse> {
    this.assertOpen();
    const context = `${req.method} ${req.path}`;
    let authRetried = false;
    let socketRetried = false;
    for (;;) {
      const { headers: authHeaders, nonce } = this.authorization(req.method, req.path);
      let res: HttpResponse;
      try {
        res = await this.exchange(req, authHeaders);
      } catch (err) {
        const f = failureFromError(err);
        if (!socketRetried && idempotent.has(req.method) && isStaleSocket(f)) {
          socketRetried = true;
          continue;
        }
        throw f;
      }
      if (res.status === 401 && !authRetried) {
        this.onUnauthorized(res.headers, nonce, context);
        authRetried = true;
        continue;
      }
      if (!req.expect.includes(res.status)) throw failureFromStatus(res.status, context, res.body.toString("utf8"));
      return res;
    }
  }

  /** One buffered request/response under the overall deadline. */
  private async exchange(req: HttpRequest, authHeaders: Record<string, string>): Promise<HttpResponse> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.requestTimeoutMs);
    this.requestCount += 1;
    const started = Date.now();
    try {
      const res = await this.pool.request({
        method: req.method,
        path: req.path,
        headers: { accept: "application/json", ...req.headers, ...authHeaders },
        body: req.body ?? null,
        signal: controller.signal,
        headersTimeout: this.options.requestTimeoutMs,
        bodyTimeout: this.options.requestTimeoutMs,
      });
      const body = await readLimited(res.body, this.options.maxBodyBytes);
      return { status: res.statusCode, headers: res.headers, body };
    } catch (err) {
      if (timedOut) throw failure("temporary", "timeout", failureKeys.timeout, err);
      throw failureFromError(err);
    } finally {
      clearTimeout(timer);
      this.busy += Date.now() - started;
    }
  }

  /**
   * A streamed body cannot be sent twice, so the nonce is renewed beforehand when it
   * is old: an unauthenticated GET makes the printer hand out a fresh one.
   */
  private async renewNonceIfOld(): Promise<void> {
    if (this.auth.kind !== "digest") return;
    const age = this.auth.session.nonceAgeMs();
    if (age !== null && age < this.options.freshNonceMs) return;
    const res = await this.exchange({ method: "GET", path: "/api/version", expect: [] }, {});
    if (res.status === 401) this.auth.session.accept(res.headers["www-authenticate"], null);
  }

  private async streamLocked<T>(req: StreamRequest, consume: (res: StreamResponse) => Promise<T>): Promise<T> {
    this.assertOpen();
    const context = `${req.method} ${req.path}`;
    if (req.body) await this.renewNonceIfOld();
    let authRetried = false;
    for (;;) {
      const { headers: authHeaders, nonce } = this.authorization(req.method, req.path);
      this.requestCount += 1;
      let res: Dispatcher.ResponseData;
      try {
        res = await this.pool.request({
          method: req.method,
          path: req.path,
          headers: { ...req.headers, ...authHeaders },
          body: req.body ?? null,
          signal: req.signal ?? null,
        });
      } catch (err) {
        if (req.signal?.aborted) throw err;
        throw failureFromError(err);
      }
      const { statusCode: status, headers, body } = res;
      if (status === 401 && !authRetried) {
        await discard(body);
        this.onUnauthorized(headers, nonce, context);
        if (req.body) throw failure("temporary", "auth", failureKeys.nonceExpired, context);
        authRetried = true;
        continue;
      }
      if (!req.expect.includes(status)) throw failureFromStatus(status, context, await discard(body));
      try {
        return await consume({ status, headers, body });
      } catch (err) {
        if (req.signal?.aborted || !isNetworkError(err)) throw err;
        throw failureFromError(err);
      } finally {
        if (!body.readableEnded) {
          // Destroying an unfinished undici body emits an AbortError nobody else listens for.
          body.on("error", () => undefined);
          body.destroy();
        }
      }
    }
  }
}
