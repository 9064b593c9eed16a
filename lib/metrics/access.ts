import { createHash, timingSafeEqual } from "node:crypto";
import { BlockList, isIPv4, isIPv6 } from "node:net";

export type ScrapeDecision = "allowed" | "unauthorized" | "forbidden";

export interface ScrapeAccess {
  token: string | undefined;
  allow: BlockList;
}

/** Parses "10.0.0.0/8,::1/128,192.168.1.5" (a bare address is a single host). */
export function parseAllowList(list: string): BlockList {
  const blocks = new BlockList();
  for (const entry of list.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [address, bits] = entry.split("/");
    const family = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : null;
    if (!family) throw new Error(`PRINTERNIZER_METRICS_ALLOW: "${entry}" is not an address or CIDR`);
    const prefix = bits === undefined ? (family === "ipv4" ? 32 : 128) : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === "ipv4" ? 32 : 128)) {
      throw new Error(`PRINTERNIZER_METRICS_ALLOW: "${entry}" has an invalid prefix length`);
    }
    blocks.addSubnet(address, prefix, family);
  }
  return blocks;
}

function sameSecret(a: string, b: string): boolean {
  // Hashing first gives equal lengths, so the comparison time says nothing about the token.
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

/**
 * A scrape needs the token (Authorization: Bearer) or an allowed client address. A
 * wrong token is refused even from an allowed address, so a misconfigured Prometheus
 * shows up instead of working by accident.
 */
export function decideScrape(access: ScrapeAccess, authorization: string | null, ip: string | null): ScrapeDecision {
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return access.token && match && sameSecret(match[1], access.token) ? "allowed" : "unauthorized";
  }
  if (ip) {
    const family = isIPv4(ip) ? "ipv4" : isIPv6(ip) ? "ipv6" : null;
    if (family && access.allow.check(ip, family)) return "allowed";
  }
  return access.token ? "unauthorized" : "forbidden";
}
