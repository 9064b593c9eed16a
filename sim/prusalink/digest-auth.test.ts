import { describe, expect, it } from "vitest";
import { challengeHeader, digestResponse, NonceIssuer, parseAuthorization } from "./digest-auth";

describe("digest auth pieces", () => {
  it("computes the RFC 2069 example response (no qop, as Buddy expects)", () => {
    const response = digestResponse({
      username: "Mufasa",
      realm: "testrealm@host.com",
      password: "CircleOfLife",
      method: "GET",
      uri: "/dir/index.html",
      nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093",
    });
    expect(response).toBe("1949323746fe6a43ef61f9606e7febea");
  });

  it("computes the RFC 2617 example response (qop=auth, as the Pi expects)", () => {
    const response = digestResponse({
      username: "Mufasa",
      realm: "testrealm@host.com",
      password: "Circle Of Life",
      method: "GET",
      uri: "/dir/index.html",
      nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093",
      qop: { qop: "auth", nc: "00000001", cnonce: "0a4f113b" },
    });
    expect(response).toBe("6629fae49393a05397450978507c4ef1");
  });

  it("parses quoted, unquoted and escaped parameters", () => {
    const parsed = parseAuthorization(
      'Digest username="maker", realm="Printer API", nonce="a9dae69e0000280a", uri="/api/v1/info?x=1,2", algorithm=MD5, response="abc", opaque="q\\"x"',
    );
    expect(parsed?.scheme).toBe("Digest");
    expect(parsed?.params.get("realm")).toBe("Printer API");
    expect(parsed?.params.get("uri")).toBe("/api/v1/info?x=1,2");
    expect(parsed?.params.get("algorithm")).toBe("MD5");
    expect(parsed?.params.get("opaque")).toBe('q"x');
  });

  it("issues 16-hex-digit nonces that expire after their lifetime", () => {
    let now = 5_000;
    const nonces = new NonceIssuer(300_000, () => now);
    const nonce = nonces.issue();
    expect(nonce).toMatch(/^[0-9a-f]{16}$/);
    now += 299_000;
    expect(nonces.isValid(nonce)).toBe(true);
    now += 2_000;
    expect(nonces.isValid(nonce)).toBe(false);
    expect(nonces.isValid(new NonceIssuer(300_000, () => now).issue())).toBe(false);
    expect(nonces.isValid("not-a-nonce")).toBe(false);
  });

  it("writes the challenge exactly like the firmware", () => {
    expect(challengeHeader({ realm: "Printer API", nonce: "a9dae69e0000280a", stale: false })).toBe(
      'Digest realm="Printer API", nonce="a9dae69e0000280a", stale=false',
    );
  });
});
