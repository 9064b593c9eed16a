import { createHash, randomBytes } from "node:crypto";

/**
 * HTTP Digest as the Buddy firmware speaks it: RFC 2069 (no qop), MD5, realm
 * "Printer API". qop=auth (RFC 7616) is answered too when a server offers it.
 * The `algorithm` parameter is never sent unasked: some Buddy firmware rejects a header
 * carrying it, and Buddy's challenge names none. Only a server whose challenge names
 * it gets it echoed: the Pi Prusa-Link (poorwsgi) challenges with `algorithm=MD5`
 * and refuses an answer without it. The nonce is cached and reused for every request (one round trip per poll); the
 * printer invalidates it after ~300 s with `401 stale=true`, and the session learns the
 * new one from that answer.
 */

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque: string | null;
  /** "auth" when the server offers it; null means RFC 2069. */
  qop: "auth" | null;
  stale: boolean;
  algorithm: string | null;
}

export interface DigestCredentials {
  username: string;
  password: string;
}

export interface DigestFields extends DigestCredentials {
  realm: string;
  nonce: string;
  method: string;
  uri: string;
  opaque?: string | null;
  qop?: { nc: string; cnonce: string } | null;
  /** Echoed only when the challenge named it. */
  algorithm?: string | null;
}

export function md5(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex");
}

/** response = MD5(HA1:nonce:HA2), or MD5(HA1:nonce:nc:cnonce:auth:HA2) with qop=auth. */
export function digestResponse(f: DigestFields): string {
  const ha1 = md5(`${f.username}:${f.realm}:${f.password}`);
  const ha2 = md5(`${f.method}:${f.uri}`);
  if (f.qop) return md5(`${ha1}:${f.nonce}:${f.qop.nc}:${f.qop.cnonce}:auth:${ha2}`);
  return md5(`${ha1}:${f.nonce}:${ha2}`);
}

function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function formatAuthorization(f: DigestFields): string {
  const parts = [
    `username=${quote(f.username)}`,
    `realm=${quote(f.realm)}`,
    `nonce=${quote(f.nonce)}`,
    `uri=${quote(f.uri)}`,
    `response=${quote(digestResponse(f))}`,
  ];
  if (f.algorithm != null) parts.push(`algorithm=${f.algorithm}`);
  if (f.opaque != null) parts.push(`opaque=${quote(f.opaque)}`);
  if (f.qop) parts.push(`qop=auth`, `nc=${f.qop.nc}`, `cnonce=${quote(f.qop.cnonce)}`);
  return `Digest ${parts.join(", ")}`;
}

/**
 * Reads the Digest challenge out of WWW-Authenticate (which may hold several schemes,
 * e.g. `Digest realm="x", nonce="y", Basic realm="z"`). Returns null without one.
 */
export function parseDigestChallenge(header: string | string[] | undefined): DigestChallenge | null {
  const values = Array.isArray(header) ? header : header ? [header] : [];
  for (const value of values) {
    const params = digestParams(value);
    if (!params) continue;
    const nonce = params.get("nonce");
    if (nonce === undefined) continue;
    const qops = (params.get("qop") ?? "").split(",").map((q) => q.trim().toLowerCase());
    return {
      realm: params.get("realm") ?? "",
      nonce,
      opaque: params.get("opaque") ?? null,
      qop: qops.includes("auth") ? "auth" : null,
      stale: (params.get("stale") ?? "").toLowerCase() === "true",
      algorithm: params.get("algorithm") ?? null,
    };
  }
  return null;
}

/** The auth-params of the Digest scheme in one header value, keys lower-cased. */
function digestParams(value: string): Map<string, string> | null {
  let i = 0;
  let inDigest = false;
  let found: Map<string, string> | null = null;
  const skip = (chars: string) => {
    while (i < value.length && chars.includes(value[i])) i++;
  };
  const token = () => {
    const start = i;
    while (i < value.length && !" \t,=\"".includes(value[i])) i++;
    return value.slice(start, i);
  };
  while (i < value.length) {
    skip(" \t,");
    const name = token();
    if (!name) {
      i++;
      continue;
    }
    skip(" \t");
    if (value[i] !== "=") {
      // A bare token starts a new scheme.
      if (found && inDigest) return found;
      inDigest = name.toLowerCase() === "digest";
      if (inDigest) found = new Map();
      continue;
    }
    i++;
    skip(" \t");
    let param: string;
    if (value[i] === '"') {
      i++;
      let out = "";
      while (i < value.length && value[i] !== '"') {
        if (value[i] === "\\" && i + 1 < value.length) i++;
        out += value[i];
        i++;
      }
      i++;
      param = out;
    } else {
      param = token();
    }
    if (inDigest && found) found.set(name.toLowerCase(), param);
  }
  return found;
}

export type ChallengeVerdict = "retry" | "rejected" | "unsupported";

export interface DigestSessionDeps {
  now: () => number;
  cnonce: () => string;
}

const defaultDeps: DigestSessionDeps = {
  now: () => Date.now(),
  cnonce: () => randomBytes(8).toString("hex"),
};

/** One printer's Digest state: the current nonce and, with qop, its use count. */
export class DigestSession {
  private challenge: DigestChallenge | null = null;
  private challengeAt = 0;
  private nonceCount = 0;

  constructor(
    private readonly credentials: DigestCredentials,
    private readonly deps: DigestSessionDeps = defaultDeps,
  ) {}

  /** Authorization header for a request, or null before the first challenge. */
  authorize(method: string, uri: string): { header: string; nonce: string } | null {
    const c = this.challenge;
    if (!c) return null;
    let qop: DigestFields["qop"] = null;
    if (c.qop === "auth") {
      this.nonceCount += 1;
      qop = { nc: this.nonceCount.toString(16).padStart(8, "0"), cnonce: this.deps.cnonce() };
    }
    const header = formatAuthorization({
      ...this.credentials,
      realm: c.realm,
      nonce: c.nonce,
      method,
      uri,
      opaque: c.opaque,
      qop,
      algorithm: c.algorithm,
    });
    return { header, nonce: c.nonce };
  }

  /**
   * Learns from a 401. Retrying helps when we sent no credentials yet, when the nonce
   * went stale, or when the server moved to another nonce (it rebooted); a 401 on the
   * very nonce we just used, not stale, means the password is wrong.
   */
  accept(wwwAuthenticate: string | string[] | undefined, usedNonce: string | null): ChallengeVerdict {
    const c = parseDigestChallenge(wwwAuthenticate);
    if (!c) return "rejected";
    if (c.algorithm !== null && c.algorithm.toUpperCase() !== "MD5") return "unsupported";
    const retry = usedNonce === null || c.stale || c.nonce !== usedNonce;
    this.challenge = c;
    this.challengeAt = this.deps.now();
    this.nonceCount = 0;
    return retry ? "retry" : "rejected";
  }

  /** Milliseconds since the current nonce was issued, or null without one. */
  nonceAgeMs(): number | null {
    return this.challenge ? this.deps.now() - this.challengeAt : null;
  }
}
