import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * HTTP Digest pieces shared by both PrusaLink flavours. Buddy firmware speaks RFC 2069
 * (no qop, response = MD5(HA1:nonce:HA2)); the Pi's poorwsgi speaks RFC 2617 with
 * qop="auth". Both are MD5.
 */

export interface AuthorizationHeader {
  scheme: string;
  params: Map<string, string>;
}

/** Splits `Digest a="b, c", d=e` into its scheme and parameters (names lower-cased). */
export function parseAuthorization(value: string): AuthorizationHeader | null {
  const match = /^\s*(\S+)\s*(.*)$/s.exec(value);
  if (!match) return null;
  const [, scheme = "", rest = ""] = match;
  const params = new Map<string, string>();
  const pattern = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(rest)) !== null) {
    if (m[0] === "") break;
    const name = (m[1] ?? "").toLowerCase();
    const raw = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? "");
    params.set(name, raw);
  }
  return { scheme, params };
}

export function md5Hex(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex");
}

export interface DigestInput {
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  qop?: { qop: string; nc: string; cnonce: string };
}

export function digestResponse(input: DigestInput): string {
  const ha1 = md5Hex(`${input.username}:${input.realm}:${input.password}`);
  const ha2 = md5Hex(`${input.method}:${input.uri}`);
  if (input.qop) {
    const { qop, nc, cnonce } = input.qop;
    return md5Hex(`${ha1}:${input.nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
  }
  return md5Hex(`${ha1}:${input.nonce}:${ha2}`);
}

export function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase(), "utf8");
  const right = Buffer.from(b.toLowerCase(), "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Nonces the way Buddy makes them: 16 hex digits, a random word fixed for this "boot"
 * followed by the issue time. Validating needs no table: the random word must match and
 * the time must be recent. (The firmware stores seconds; milliseconds here let tests use
 * short lifetimes.)
 */
export class NonceIssuer {
  private readonly bootWord = randomBytes(4).readUInt32BE(0) || 1;
  private readonly bootTime: number;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.bootTime = now();
  }

  issue(): string {
    const elapsed = (this.now() - this.bootTime) >>> 0;
    return this.bootWord.toString(16).padStart(8, "0") + elapsed.toString(16).padStart(8, "0");
  }

  isValid(nonce: string): boolean {
    if (!/^[0-9a-f]{16}$/i.test(nonce)) return false;
    const word = Number.parseInt(nonce.slice(0, 8), 16);
    const issuedAt = Number.parseInt(nonce.slice(8), 16);
    const age = this.now() - this.bootTime - issuedAt;
    return word === this.bootWord && age >= 0 && age < this.ttlMs;
  }
}

export interface DigestChallenge {
  realm: string;
  nonce: string;
  stale: boolean;
  qop?: string;
  opaque?: string;
  algorithm?: string;
}

/** Buddy writes exactly `Digest realm="Printer API", nonce="…", stale=false`. */
export function challengeHeader(c: DigestChallenge): string {
  const parts = [`realm="${c.realm}"`];
  if (c.qop) parts.push(`qop="${c.qop}"`);
  parts.push(`nonce="${c.nonce}"`);
  if (c.opaque) parts.push(`opaque="${c.opaque}"`);
  if (c.algorithm) parts.push(`algorithm="${c.algorithm}"`);
  parts.push(`stale=${c.stale ? "true" : "false"}`);
  return `Digest ${parts.join(", ")}`;
}
