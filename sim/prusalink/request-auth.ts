import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { challengeHeader, digestResponse, NonceIssuer, parseAuthorization, sameHex } from "./digest-auth";
import type { PrusaLinkFlavour } from "./options";

export type AuthOutcome =
  | { ok: true }
  | { ok: false; status: 401 | 403; headers: Record<string, string>; message: string };

export interface AuthSettings {
  flavour: PrusaLinkFlavour;
  username: string;
  password: string;
  apiKey: string;
  hostname: string;
  nonceTtlMs: number;
  rejectAlgorithmParam: boolean;
}

export interface AuthRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export const buddyRealm = "Printer API";
export const piRealm = "Administrator";

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Checks a request the way the chosen firmware flavour does and says how to refuse it. */
export class RequestAuthenticator {
  private readonly nonces: NonceIssuer;
  private readonly opaque: string;

  constructor(private readonly settings: AuthSettings) {
    this.nonces = new NonceIssuer(settings.nonceTtlMs);
    this.opaque = createHash("sha256").update(settings.hostname).digest("hex");
  }

  check(req: AuthRequest): AuthOutcome {
    return this.settings.flavour === "pi" ? this.checkPi(req) : this.checkBuddy(req);
  }

  private checkBuddy(req: AuthRequest): AuthOutcome {
    const s = this.settings;
    const apiKey = headerValue(req.headers, "x-api-key");
    if (apiKey !== undefined) {
      return sameText(apiKey, s.password)
        ? { ok: true }
        : { ok: false, status: 401, headers: { "WWW-Authenticate": `ApiKey realm="${buddyRealm}"` }, message: "" };
    }
    const auth = parseAuthorization(headerValue(req.headers, "authorization") ?? "");
    const nonce = auth?.params.get("nonce");
    const response = auth?.params.get("response");
    if (!auth || auth.scheme.toLowerCase() !== "digest" || !nonce || !response) return this.buddyChallenge(false);
    // Reported against some Buddy releases: a header with `algorithm=` never authenticates.
    if (s.rejectAlgorithmParam && auth.params.has("algorithm")) return this.buddyChallenge(false);
    const expected = digestResponse({
      username: s.username,
      realm: buddyRealm,
      password: s.password,
      method: req.method,
      uri: req.url,
      nonce,
    });
    const correct = sameHex(response, expected);
    if (this.nonces.isValid(nonce)) return correct ? { ok: true } : this.buddyChallenge(false);
    // The firmware only says stale=true when the answer was right for the old nonce.
    return this.buddyChallenge(correct);
  }

  private buddyChallenge(stale: boolean): AuthOutcome {
    const header = challengeHeader({ realm: buddyRealm, nonce: this.nonces.issue(), stale });
    return { ok: false, status: 401, headers: { "WWW-Authenticate": header }, message: "" };
  }

  private checkPi(req: AuthRequest): AuthOutcome {
    const s = this.settings;
    const apiKey = headerValue(req.headers, "x-api-key");
    if (apiKey !== undefined) {
      return sameText(apiKey, s.apiKey)
        ? { ok: true }
        : { ok: false, status: 403, headers: {}, message: "Bad X-Api-Key." };
    }
    const auth = parseAuthorization(headerValue(req.headers, "authorization") ?? "");
    if (!auth || auth.scheme.toLowerCase() !== "digest") return this.piChallenge(false);
    const p = auth.params;
    const nonce = p.get("nonce") ?? "";
    if (!this.nonces.isValid(nonce)) return this.piChallenge(true);
    const uri = p.get("uri") ?? "";
    const qop = p.get("qop");
    const nc = p.get("nc");
    const cnonce = p.get("cnonce");
    const response = p.get("response");
    const wellFormed =
      p.get("algorithm") === "MD5" &&
      p.get("opaque") === this.opaque &&
      safeDecode(uri).endsWith(safeDecode(req.url)) &&
      qop === "auth" &&
      nc !== undefined &&
      cnonce !== undefined &&
      p.get("realm") === piRealm &&
      p.get("username") === s.username &&
      response !== undefined;
    if (!wellFormed) return this.piChallenge(false);
    const expected = digestResponse({
      username: s.username,
      realm: piRealm,
      password: s.password,
      method: req.method,
      uri,
      nonce,
      qop: { qop, nc, cnonce },
    });
    return sameHex(response, expected) ? { ok: true } : this.piChallenge(false);
  }

  private piChallenge(stale: boolean): AuthOutcome {
    const header = challengeHeader({
      realm: piRealm,
      qop: "auth",
      nonce: this.nonces.issue(),
      opaque: this.opaque,
      algorithm: "MD5",
      stale,
    });
    return { ok: false, status: 401, headers: { "WWW-Authenticate": header }, message: "" };
  }
}

function sameText(a: string, b: string): boolean {
  return a.length === b.length && sameHex(Buffer.from(a).toString("hex"), Buffer.from(b).toString("hex"));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
