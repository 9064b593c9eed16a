import type { BlockList } from "node:net";
import { env } from "@/lib/config/env";
import { clientFromChain, forwardedChain, parseAddressList } from "@/lib/http/forwarding";

let trusted: BlockList | null = null;

/**
 * The client's address. The web server (scripts/web-server.mjs) has replaced the forwarding
 * headers: X-Forwarded-For is the socket peer, with the chain in front of it only when that
 * peer is in PRINTERNIZER_TRUSTED_PROXIES; the chain is walked right to left past trusted
 * proxies (lib/http/forwarding.ts). X-Real-IP counts only when no X-Forwarded-For came.
 */
export function clientIp(headers: Headers): string | null {
  trusted ??= parseAddressList(env().PRINTERNIZER_TRUSTED_PROXIES, "PRINTERNIZER_TRUSTED_PROXIES");
  const chain = forwardedChain(headers.get("x-forwarded-for") ?? headers.get("x-real-ip"));
  return clientFromChain(chain, trusted);
}
