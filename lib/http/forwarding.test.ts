import { describe, expect, it } from "vitest";
import { clientFromChain, forwardedChain, inList, normalizeAddress, parseAddressList, rewriteForwarding } from "./forwarding";

const none = parseAddressList("", "T");
const nginx = parseAddressList("10.0.0.5/32, fd00:1::/64", "T");

describe("parseAddressList", () => {
  it("reads IPv4 and IPv6 CIDRs and bare addresses", () => {
    const list = parseAddressList("10.0.0.0/8, 192.168.1.5 ,::1/128,fd00::/8", "T");
    expect(inList("10.200.3.4", list)).toBe(true);
    expect(inList("11.0.0.1", list)).toBe(false);
    expect(inList("192.168.1.5", list)).toBe(true);
    expect(inList("192.168.1.6", list)).toBe(false);
    expect(inList("::1", list)).toBe(true);
    expect(inList("fd12:3456::1", list)).toBe(true);
    expect(inList("fe80::1", list)).toBe(false);
  });

  it("names the setting when an entry is wrong", () => {
    expect(() => parseAddressList("10.0.0.0/33", "PRINTERNIZER_TRUSTED_PROXIES")).toThrow(/PRINTERNIZER_TRUSTED_PROXIES: "10.0.0.0\/33" has an invalid prefix/);
    expect(() => parseAddressList("nginx", "PRINTERNIZER_TRUSTED_PROXIES")).toThrow(/"nginx" is not an address/);
    expect(() => parseAddressList("::1/129", "X")).toThrow(/invalid prefix/);
  });
});

describe("normalizeAddress", () => {
  it("maps IPv4-mapped IPv6 to IPv4 and drops brackets and ports", () => {
    expect(normalizeAddress("::ffff:10.0.0.5")).toBe("10.0.0.5");
    expect(normalizeAddress("::FFFF:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("203.0.113.7:51234")).toBe("203.0.113.7");
    expect(normalizeAddress(" 2001:DB8::1 ")).toBe("2001:db8::1");
    expect(normalizeAddress("unknown")).toBeNull();
    expect(normalizeAddress("")).toBeNull();
  });

  it("matches IPv4-mapped peers against IPv4 ranges", () => {
    expect(inList("::ffff:10.0.0.5", nginx)).toBe(true);
    expect(inList("::ffff:10.0.0.6", nginx)).toBe(false);
  });
});

describe("clientFromChain", () => {
  it("without trusted proxies the nearest hop is the client, whatever came before it", () => {
    expect(clientFromChain(forwardedChain("127.0.0.1, 203.0.113.9"), none)).toBe("203.0.113.9");
    expect(clientFromChain(forwardedChain("203.0.113.9"), none)).toBe("203.0.113.9");
  });

  it("walks right to left past trusted proxies and stops at the first other address", () => {
    // client-written 127.0.0.1, real client 198.51.100.4, then two trusted hops
    const chain = forwardedChain("127.0.0.1, 198.51.100.4, fd00:1::9, 10.0.0.5");
    expect(clientFromChain(chain, nginx)).toBe("198.51.100.4");
  });

  it("takes the leftmost entry when every hop is trusted", () => {
    expect(clientFromChain(["10.0.0.5"], nginx)).toBe("10.0.0.5");
    expect(clientFromChain(["fd00:1::2", "10.0.0.5"], nginx)).toBe("fd00:1::2");
  });

  it("stops at the trusted hop that passed on something that is not an address", () => {
    expect(clientFromChain(["evil", "10.0.0.5"], nginx)).toBe("10.0.0.5");
    expect(clientFromChain(["evil"], none)).toBeNull();
    expect(clientFromChain([], none)).toBeNull();
  });

  it("reads IPv4-mapped entries", () => {
    expect(clientFromChain(["::ffff:198.51.100.4", "::ffff:10.0.0.5"], nginx)).toBe("198.51.100.4");
  });
});

describe("rewriteForwarding", () => {
  const spoofed = () => ({
    host: "printernizer.example",
    "x-forwarded-for": "127.0.0.1",
    "x-real-ip": "127.0.0.1",
    "x-forwarded-proto": "https",
    "x-forwarded-host": "evil.example",
    "x-forwarded-port": "443",
    forwarded: "for=127.0.0.1",
  });

  it("replaces everything an untrusted peer sent with the socket's view", () => {
    const headers: Record<string, string | string[] | undefined> = spoofed();
    rewriteForwarding(headers, "::ffff:203.0.113.9", nginx);
    expect(headers).toEqual({
      host: "printernizer.example",
      "x-forwarded-for": "203.0.113.9",
      "x-forwarded-proto": "http",
      "x-forwarded-host": "printernizer.example",
    });
    expect(clientFromChain(forwardedChain(headers["x-forwarded-for"] as string), nginx)).toBe("203.0.113.9");
  });

  it("keeps a trusted proxy's chain, protocol and host, and appends the proxy", () => {
    const headers: Record<string, string | string[] | undefined> = { ...spoofed(), "x-forwarded-for": "6.6.6.6, 198.51.100.4" };
    rewriteForwarding(headers, "10.0.0.5", nginx);
    expect(headers["x-forwarded-for"]).toBe("6.6.6.6, 198.51.100.4, 10.0.0.5");
    expect(headers["x-forwarded-proto"]).toBe("https");
    expect(headers["x-forwarded-host"]).toBe("evil.example");
    expect(headers["x-forwarded-port"]).toBe("443");
    expect(headers["x-real-ip"]).toBeUndefined();
    expect(headers.forwarded).toBeUndefined();
    expect(clientFromChain(forwardedChain(headers["x-forwarded-for"] as string), nginx)).toBe("198.51.100.4");
  });

  it("uses a trusted proxy's X-Real-IP when it sent no X-Forwarded-For", () => {
    const headers: Record<string, string | string[] | undefined> = { host: "h", "x-real-ip": "198.51.100.4" };
    rewriteForwarding(headers, "10.0.0.5", nginx);
    expect(headers["x-forwarded-for"]).toBe("198.51.100.4, 10.0.0.5");
  });

  it("marks TLS connections as https", () => {
    const headers: Record<string, string | string[] | undefined> = { host: "h" };
    rewriteForwarding(headers, "127.0.0.1", none, true);
    expect(headers["x-forwarded-proto"]).toBe("https");
  });
});
