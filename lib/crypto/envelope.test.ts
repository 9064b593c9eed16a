import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { decrypt, encrypt, envelopeKeyId, isCurrentEnvelope } from "./envelope";
import { addFileKey, deriveKey, keyFilePath, loadKeyring } from "./keyring";

const AAD = "printernizer:printer:p1:credentials";

/** A version 1 envelope as releases before the AAD binding wrote it. */
function legacyEnvelope(plaintext: string, kid: string, key: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return JSON.stringify({ v: 1, kid, iv: iv.toString("base64"), tag: tag.toString("base64"), data: data.toString("base64") });
}

describe("credential envelope", () => {
  beforeEach(async () => {
    delete process.env.PRINTERNIZER_SECRET_KEY;
    delete process.env.PRINTERNIZER_SECRET_KEY_PREVIOUS;
    process.env.PRINTERNIZER_SECRET_KEY_FILE = path.join(await mkdtemp(path.join(os.tmpdir(), "pz-keys-")), "keys.json");
  });

  it("round-trips and never contains the plaintext", async () => {
    const ring = await loadKeyring();
    const stored = encrypt('{"accessCode":"12345678"}', ring, AAD);
    expect(stored).not.toContain("12345678");
    expect(decrypt(stored, ring, AAD)).toBe('{"accessCode":"12345678"}');
    expect(envelopeKeyId(stored)).toBe(ring.active.id);
    expect(JSON.parse(stored)).toMatchObject({ v: 2 });
  });

  it("opens only with the additional data it was sealed with (another printer or field fails)", async () => {
    const ring = await loadKeyring();
    const stored = encrypt("secret", ring, AAD);
    expect(() => decrypt(stored, ring, "printernizer:printer:p2:credentials")).toThrow();
    expect(() => decrypt(stored, ring, "printernizer:printer:p1:caCert")).toThrow();
  });

  it("detects tampering", async () => {
    const ring = await loadKeyring();
    const env = JSON.parse(encrypt("secret", ring, AAD)) as { data: string };
    const bytes = Buffer.from(env.data, "base64");
    bytes[0] ^= 1;
    expect(() => decrypt(JSON.stringify({ ...env, data: bytes.toString("base64") }), ring, AAD)).toThrow();
  });

  it("reads a version 1 envelope only with its old additional data, and reports it as not current", async () => {
    const ring = await loadKeyring();
    const old = legacyEnvelope("secret", ring.active.id, ring.active.key, "printernizer:printer-credentials");
    expect(() => decrypt(old, ring, AAD)).toThrow(/old additional data/);
    expect(decrypt(old, ring, AAD, "printernizer:printer-credentials")).toBe("secret");
    expect(isCurrentEnvelope(old, ring)).toBe(false);
    expect(isCurrentEnvelope(encrypt("secret", ring, AAD), ring)).toBe(true);
  });

  it("keeps old keys readable after rotation and encrypts with the new one", async () => {
    const before = await loadKeyring();
    const old = encrypt("secret", before, AAD);
    const added = await addFileKey();
    const after = await loadKeyring();
    expect(after.active.id).toBe(added.id);
    expect(decrypt(old, after, AAD)).toBe("secret");
    expect(envelopeKeyId(encrypt("x", after, AAD))).toBe(added.id);
  });

  it("uses the environment key when set, and the previous one for old data", async () => {
    process.env.PRINTERNIZER_SECRET_KEY = "first secret";
    const first = await loadKeyring();
    const old = encrypt("secret", first, AAD);
    process.env.PRINTERNIZER_SECRET_KEY = "second secret";
    process.env.PRINTERNIZER_SECRET_KEY_PREVIOUS = "first secret";
    const second = await loadKeyring();
    expect(second.active.id).not.toBe(first.active.id);
    expect(decrypt(old, second, AAD)).toBe("secret");
    delete process.env.PRINTERNIZER_SECRET_KEY_PREVIOUS;
    const withoutPrevious = await loadKeyring();
    expect(() => decrypt(old, withoutPrevious, AAD)).toThrow(/not available/);
  });

  it("stretches the passphrase with scrypt and a salt kept in the key file (never the key or the passphrase)", async () => {
    process.env.PRINTERNIZER_SECRET_KEY = "correct horse battery staple";
    const ring = await loadKeyring();
    const file = readFileSync(keyFilePath(), "utf8");
    expect(file).not.toContain("correct horse");
    expect(file).not.toContain(ring.active.key.toString("base64"));
    const [entry] = (JSON.parse(file) as { passphrases: { id: string; scrypt: { salt: string; N: number; r: number; p: number } }[] }).passphrases;
    expect(entry.id).toBe(ring.active.id);
    expect(entry.scrypt).toMatchObject({ N: 2 ** 15, r: 8, p: 1 });
    expect(Buffer.from(entry.scrypt.salt, "base64")).toHaveLength(16);
    expect(deriveKey("correct horse battery staple", entry.scrypt).equals(ring.active.key)).toBe(true);
    expect(ring.active.key.equals(createHash("sha256").update("correct horse battery staple").digest())).toBe(false);
    // The same passphrase on the next start (or in the other process) finds the same salt.
    expect((await loadKeyring()).active.key.equals(ring.active.key)).toBe(true);
  });

  it("reads data sealed under the old derivation (one SHA-256 of the passphrase) but never seals with it", async () => {
    process.env.PRINTERNIZER_SECRET_KEY = "old deployment secret";
    const oldKey = createHash("sha256").update("old deployment secret").digest();
    const oldId = `env-${createHash("sha256").update(oldKey).digest("hex").slice(0, 8)}`;
    const old = legacyEnvelope("secret", oldId, oldKey, "printernizer:printer-credentials");
    const ring = await loadKeyring();
    expect(ring.active.id).not.toBe(oldId);
    expect(decrypt(old, ring, AAD, "printernizer:printer-credentials")).toBe("secret");
    expect(isCurrentEnvelope(old, ring)).toBe(false);
    const resealed = JSON.stringify({ ...JSON.parse(old), v: 2 });
    expect(isCurrentEnvelope(resealed, ring)).toBe(false);
  });
});
