/**
 * The client's address as seen by the nearest hop: the last X-Forwarded-For entry (added
 * by a reverse proxy, or set by Next itself from the socket when no proxy is in front),
 * then X-Real-IP. Entries further left are client-supplied and not trusted.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
  const ip = last ?? headers.get("x-real-ip")?.trim();
  return ip ? ip.replace(/^::ffff:/, "") : null;
}
