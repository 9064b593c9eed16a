import { createHmac, hkdfSync } from "node:crypto";
import { readOrCreateSecretFile } from "@/lib/auth/secret-files";

let key: Buffer | null = null;

/**
 * The HMAC key for client addresses. PRINTERNIZER_SECRET_KEY is shared with other uses
 * (credential encryption), so a purpose-bound key is derived from it instead of using it
 * directly; without it a key file under <data dir>/secrets is generated once.
 */
function ipKey(): Buffer {
  if (key) return key;
  const material = process.env.PRINTERNIZER_SECRET_KEY?.trim() || readOrCreateSecretFile("ip-hash-key");
  key = Buffer.from(hkdfSync("sha256", material, "printernizer", "audit ip hash", 32));
  return key;
}

/** Keyed hash of a client address: equal addresses match, the address itself is never stored. */
export function hashIp(ip: string): string {
  return createHmac("sha256", ipKey()).update(ip.trim().toLowerCase()).digest("base64url");
}
