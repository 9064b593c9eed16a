// Who the client is, from the socket and the forwarding headers of trusted proxies only.
// scripts/web-server.mjs loads this file with Node's type stripping (no bundler, no tsx),
// so it imports nothing but Node built-ins and uses only erasable TypeScript syntax.
import { BlockList, isIP } from "node:net";

/**
 * Parses "10.0.0.0/8,::1/128,192.168.1.5" (a bare address is a single host); `variable`
 * names the setting in the error so a typo stops the process with a clear message.
 */
export function parseAddressList(list: string, variable: string): BlockList {
  const blocks = new BlockList();
  for (const entry of list.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [address, bits] = entry.split("/");
    const version = isIP(address);
    if (version === 0) throw new Error(`${variable}: "${entry}" is not an address or CIDR`);
    const family = version === 4 ? "ipv4" : "ipv6";
    const prefix = bits === undefined ? (version === 4 ? 32 : 128) : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (version === 4 ? 32 : 128)) {
      throw new Error(`${variable}: "${entry}" has an invalid prefix length`);
    }
    blocks.addSubnet(address, prefix, family);
  }
  return blocks;
}

/**
 * The address in canonical form, or null when `raw` is none: an IPv4-mapped IPv6 address
 * ("::ffff:10.0.0.1", what a dual-stack socket reports) becomes the IPv4 address, and
 * brackets and ports some proxies write ("[::1]:443", "10.0.0.1:80") are dropped.
 */
export function normalizeAddress(raw: string): string | null {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1];
  return isIP(address) === 0 ? null : address.toLowerCase();
}

/** True when `address` (any form normalizeAddress reads) lies in `list`. */
export function inList(address: string, list: BlockList): boolean {
  const normalized = normalizeAddress(address);
  if (!normalized) return false;
  return list.check(normalized, isIP(normalized) === 4 ? "ipv4" : "ipv6");
}

/** The entries of an X-Forwarded-For value, left (farthest) to right (nearest hop). */
export function forwardedChain(header: string | null | undefined): string[] {
  return (header ?? "").split(",").map((part) => part.trim()).filter(Boolean);
}

/**
 * The client's address from a chain whose last entry is the peer that reached us: walking
 * right to left, every entry a trusted proxy added is skipped and the first one that is not a
 * trusted proxy is the client. Anything further left was written by that client and is not
 * believed. An entry that is not an address ends the walk at the trusted hop that passed it on.
 */
export function clientFromChain(chain: readonly string[], trusted: BlockList): string | null {
  let client: string | null = null;
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = normalizeAddress(chain[i]);
    if (!address) return client;
    client = address;
    if (!inList(address, trusted)) return address;
  }
  return client;
}

/** The forwarding headers the web server sets itself; a client's own values are never passed on. */
export const forwardingHeaders = ["forwarded", "x-forwarded-for", "x-real-ip", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"] as const;

type NodeHeaders = Record<string, string | string[] | undefined>;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * Rewrites a request's headers in place before Next sees them. From a trusted proxy the
 * chain it sent (X-Forwarded-For, else X-Real-IP) is kept with the proxy's own address
 * appended, and its X-Forwarded-Proto/-Host/-Port stand; from anyone else every forwarding
 * header is replaced by what the socket says, so X-Forwarded-For is only the peer address.
 */
export function rewriteForwarding(headers: NodeHeaders, peer: string | undefined, trusted: BlockList, encrypted = false): void {
  const peerAddress = (peer && normalizeAddress(peer)) ?? "";
  const fromProxy = peerAddress !== "" && inList(peerAddress, trusted);
  const kept = fromProxy
    ? {
        chain: forwardedChain(single(headers["x-forwarded-for"]) ?? single(headers["x-real-ip"])),
        proto: single(headers["x-forwarded-proto"]),
        host: single(headers["x-forwarded-host"]),
        port: single(headers["x-forwarded-port"]),
      }
    : { chain: [], proto: undefined, host: undefined, port: undefined };
  for (const name of forwardingHeaders) delete headers[name];
  headers["x-forwarded-for"] = [...kept.chain, peerAddress].filter(Boolean).join(", ");
  headers["x-forwarded-proto"] = kept.proto ?? (encrypted ? "https" : "http");
  const host = kept.host ?? single(headers.host);
  if (host) headers["x-forwarded-host"] = host;
  if (kept.port) headers["x-forwarded-port"] = kept.port;
}
