import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DigestSession, digestResponse, formatAuthorization, parseDigestChallenge } from "./digest-auth";

const md5 = (s: string) => createHash("md5").update(s).digest("hex");

/** RFC 2069 section 2.4's example (with the errata's corrected response). */
const rfc2069 = {
  username: "Mufasa",
  password: "CircleOfLife",
  realm: "testrealm@host.com",
  nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093",
  method: "GET",
  uri: "/dir/index.html",
};

function params(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.replace(/^Digest\s+/, "").matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)) out[m[1]] = m[2] ?? m[3];
  return out;
}

describe("Digest response", () => {
  it("RFC 2069: response = MD5(MD5(user:realm:pass):nonce:MD5(method:uri))", () => {
    const ha1 = md5(`${rfc2069.username}:${rfc2069.realm}:${rfc2069.password}`);
    const ha2 = md5(`${rfc2069.method}:${rfc2069.uri}`);
    const expected = md5(`${ha1}:${rfc2069.nonce}:${ha2}`);
    expect(expected).toBe("1949323746fe6a43ef61f9606e7febea");
    expect(digestResponse(rfc2069)).toBe(expected);

    const header = formatAuthorization(rfc2069);
    expect(params(header)).toEqual({
      username: "Mufasa",
      realm: "testrealm@host.com",
      nonce: rfc2069.nonce,
      uri: "/dir/index.html",
      response: expected,
    });
    expect(header).not.toMatch(/algorithm=/i);
    expect(header).not.toMatch(/qop=/i);
  });

  it("RFC 2617 qop=auth example", () => {
    const fields = {
      ...rfc2069,
      password: "Circle Of Life",
      opaque: "5ccc069c403ebaf9f0171e9517f40e41",
      qop: { nc: "00000001", cnonce: "0a4f113b" },
    };
    const ha1 = md5(`Mufasa:testrealm@host.com:Circle Of Life`);
    const ha2 = md5(`GET:/dir/index.html`);
    const expected = md5(`${ha1}:${rfc2069.nonce}:00000001:0a4f113b:auth:${ha2}`);
    expect(expected).toBe("6629fae49393a05397450978507c4ef1");
    const header = formatAuthorization(fields);
    expect(params(header)).toMatchObject({ response: expected, qop: "auth", nc: "00000001", cnonce: "0a4f113b", opaque: fields.opaque });
    expect(header).not.toMatch(/algorithm=/i);
  });

  it("escapes quotes in quoted values", () => {
    expect(formatAuthorization({ ...rfc2069, username: 'a"b\\c' })).toContain('username="a\\"b\\\\c"');
  });
});

describe("WWW-Authenticate parsing", () => {
  it("reads the Buddy challenge", () => {
    expect(parseDigestChallenge('Digest realm="Printer API", nonce="a1b2c3d4e5f60718", stale=false')).toEqual({
      realm: "Printer API",
      nonce: "a1b2c3d4e5f60718",
      opaque: null,
      qop: null,
      stale: false,
      algorithm: null,
    });
  });

  it("finds Digest among several schemes and reads stale, qop lists and commas in quotes", () => {
    const c = parseDigestChallenge([
      'Basic realm="x"',
      'Bearer realm="y", Digest realm="a, b", qop="auth,auth-int", nonce="n1", stale=TRUE, algorithm=MD5, Basic realm="z"',
    ]);
    expect(c).toEqual({ realm: "a, b", nonce: "n1", opaque: null, qop: "auth", stale: true, algorithm: "MD5" });
  });

  it("returns null without a Digest challenge", () => {
    expect(parseDigestChallenge('Basic realm="x"')).toBeNull();
    expect(parseDigestChallenge(undefined)).toBeNull();
    expect(parseDigestChallenge("Digest realm=\"x\"")).toBeNull();
  });
});

describe("DigestSession", () => {
  const deps = () => {
    let now = 0;
    return { now: () => now, advance: (ms: number) => (now += ms), cnonce: () => "c0ffee00" };
  };

  it("sends nothing before the first challenge, then reuses the cached nonce", () => {
    const d = deps();
    const s = new DigestSession({ username: "maker", password: "pw" }, d);
    expect(s.authorize("GET", "/api/v1/status")).toBeNull();
    expect(s.accept('Digest realm="Printer API", nonce="n1"', null)).toBe("retry");
    const first = s.authorize("GET", "/api/v1/status");
    const second = s.authorize("GET", "/api/v1/job");
    expect(first?.nonce).toBe("n1");
    expect(second?.nonce).toBe("n1");
    expect(params(second?.header ?? "").uri).toBe("/api/v1/job");
    d.advance(5000);
    expect(s.nonceAgeMs()).toBe(5000);
  });

  it("retries on stale or a changed nonce; a repeated 401 on the same nonce is a wrong password", () => {
    const s = new DigestSession({ username: "maker", password: "pw" }, deps());
    s.accept('Digest realm="Printer API", nonce="n1"', null);
    expect(s.accept('Digest realm="Printer API", nonce="n2", stale=true', "n1")).toBe("retry");
    expect(s.accept('Digest realm="Printer API", nonce="n3"', "n2")).toBe("retry");
    expect(s.accept('Digest realm="Printer API", nonce="n3"', "n3")).toBe("rejected");
    expect(s.accept('Basic realm="x"', "n3")).toBe("rejected");
    expect(s.accept('Digest realm="r", nonce="n4", algorithm=SHA-256', "n3")).toBe("unsupported");
  });

  it("never sends algorithm to Buddy; echoes it only where the challenge names it (Pi)", () => {
    const buddy = new DigestSession({ username: "maker", password: "pw" }, deps());
    buddy.accept('Digest realm="Printer API", nonce="n1", stale=false', null);
    expect(buddy.authorize("GET", "/api/v1/status")?.header).not.toMatch(/algorithm/i);

    const pi = new DigestSession({ username: "maker", password: "pw" }, deps());
    pi.accept('Digest realm="Administrator", qop="auth", nonce="n1", opaque="op", algorithm="MD5", stale=false', null);
    const p = params(pi.authorize("GET", "/api/v1/status")?.header ?? "");
    expect(p).toMatchObject({ algorithm: "MD5", opaque: "op", qop: "auth", nc: "00000001", cnonce: "c0ffee00" });
    const ha1 = md5("maker:Administrator:pw");
    const ha2 = md5("GET:/api/v1/status");
    expect(p.response).toBe(md5(`${ha1}:n1:00000001:c0ffee00:auth:${ha2}`));
  });

  it("counts nc per nonce with qop=auth", () => {
    const s = new DigestSession({ username: "maker", password: "pw" }, deps());
    s.accept('Digest realm="r", nonce="n1", qop="auth"', null);
    expect(params(s.authorize("GET", "/")?.header ?? "").nc).toBe("00000001");
    expect(params(s.authorize("GET", "/")?.header ?? "").nc).toBe("00000002");
    s.accept('Digest realm="r", nonce="n2", qop="auth", stale=true', "n1");
    expect(params(s.authorize("GET", "/")?.header ?? "").nc).toBe("00000001");
  });
});
