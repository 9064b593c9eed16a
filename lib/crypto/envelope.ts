import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Keyring } from "./keyring";

/**
 * AES-256-GCM envelope, stored as JSON: version, key id, IV, auth tag and ciphertext.
 * The additional data (AAD) names what the ciphertext belongs to (a printer's
 * credentials, a travelling form), so an envelope copied elsewhere fails to open.
 * Version 1 envelopes were written with one AAD for every row; they stay readable when
 * the caller passes that old AAD, until `keys:rotate` or the worker's start rewrites them.
 */
const envelopeSchema = z.object({
  v: z.union([z.literal(1), z.literal(2)]),
  kid: z.string(),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});
export type Envelope = z.infer<typeof envelopeSchema>;
export const ENVELOPE_VERSION = 2;

export function encrypt(plaintext: string, keyring: Keyring, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyring.active.key, iv);
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const envelope: Envelope = {
    v: ENVELOPE_VERSION,
    kid: keyring.active.id,
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    data: data.toString("base64"),
  };
  return JSON.stringify(envelope);
}

function parseEnvelope(stored: string): Envelope {
  return envelopeSchema.parse(JSON.parse(stored));
}

/** Opens an envelope bound to `aad`; a version 1 envelope opens only with `legacyAad`. */
export function decrypt(stored: string, keyring: Keyring, aad: string, legacyAad?: string): string {
  const envelope = parseEnvelope(stored);
  const key = keyring.all.get(envelope.kid);
  if (!key) throw new Error(`credential key ${envelope.kid} is not available`);
  const boundTo = envelope.v === ENVELOPE_VERSION ? aad : legacyAad;
  if (boundTo === undefined) throw new Error("a version 1 envelope needs its old additional data");
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(envelope.iv, "base64"));
  decipher.setAAD(Buffer.from(boundTo));
  decipher.setAuthTag(Buffer.from(envelope.tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(envelope.data, "base64")), decipher.final()]).toString("utf8");
}

export function envelopeKeyId(stored: string): string {
  return parseEnvelope(stored).kid;
}

/** Whether an envelope is in the current format under the active key (nothing to rewrite). */
export function isCurrentEnvelope(stored: string, keyring: Keyring): boolean {
  const envelope = parseEnvelope(stored);
  return envelope.v === ENVELOPE_VERSION && keyring.all.get(envelope.kid)?.legacy !== true;
}
