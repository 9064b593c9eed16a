import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Keyring } from "./keyring";

/** AES-256-GCM envelope, stored as JSON: key id, IV, auth tag and ciphertext. */
const envelopeSchema = z.object({
  v: z.literal(1),
  kid: z.string(),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export function encrypt(plaintext: string, keyring: Keyring, aad = "printernizer"): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyring.active.key, iv);
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const envelope: Envelope = {
    v: 1,
    kid: keyring.active.id,
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    data: data.toString("base64"),
  };
  return JSON.stringify(envelope);
}

export function decrypt(stored: string, keyring: Keyring, aad = "printernizer"): string {
  const envelope = envelopeSchema.parse(JSON.parse(stored));
  const key = keyring.all.get(envelope.kid);
  if (!key) throw new Error(`credential key ${envelope.kid} is not available`);
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(envelope.iv, "base64"));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(envelope.tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(envelope.data, "base64")), decipher.final()]).toString("utf8");
}

export function envelopeKeyId(stored: string): string {
  return envelopeSchema.parse(JSON.parse(stored)).kid;
}
