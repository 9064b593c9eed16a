import { createHash, timingSafeEqual } from "node:crypto";
import type { BlockList } from "node:net";
import { inList, parseAddressList } from "@/lib/http/forwarding";

export type ScrapeDecision = "allowed" | "unauthorized" | "forbidden";

export interface ScrapeAccess {
  token: string | undefined;
  allow: BlockList;
}

/** Parses PRINTERNIZER_METRICS_ALLOW: "10.0.0.0/8,::1/128,192.168.1.5" (a bare address is a single host). */
export function parseAllowList(list: string): BlockList {
  return parseAddressList(list, "PRINTERNIZER_METRICS_ALLOW");
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
  if (ip && inList(ip, access.allow)) return "allowed";
  return access.token ? "unauthorized" : "forbidden";
}
