import { createHmac, hkdfSync } from "node:crypto";
import { readOrCreateSecretFile } from "@/lib/auth/secret-files";

let key: Buffer | null = null;

/**
 * Keyed pseudonyms for identifiers that must not appear in logs or exports (printer
 * serial numbers, erased people). Same key source as the audit's address hash
 * (lib/audit/ip-hash.ts): PRINTERNIZER_SECRET_KEY, else the generated key file; a key
 * of its own is derived for this purpose, so a pseudonym cannot be matched to an
 * address hash.
 */
function pseudonymKey(): Buffer {
  if (key) return key;
  const material = process.env.PRINTERNIZER_SECRET_KEY?.trim() || readOrCreateSecretFile("ip-hash-key");
  key = Buffer.from(hkdfSync("sha256", material, "printernizer", "pseudonym", 32));
  return key;
}

/** Stable, short, not reversible without the key: "sn_3kF9…" (16 characters after the prefix). */
export function pseudonym(kind: "sn" | "person", value: string): string {
  const digest = createHmac("sha256", pseudonymKey()).update(`${kind}:${value.trim()}`).digest("base64url");
  return `${kind}_${digest.slice(0, 16)}`;
}

export function hashSerial(serial: string): string {
  return pseudonym("sn", serial.toUpperCase());
}
