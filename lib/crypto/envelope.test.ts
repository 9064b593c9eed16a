import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { decrypt, encrypt, envelopeKeyId } from "./envelope";
import { addFileKey, loadKeyring } from "./keyring";

describe("credential envelope", () => {
  beforeEach(async () => {
    delete process.env.PRINTERNIZER_SECRET_KEY;
    delete process.env.PRINTERNIZER_SECRET_KEY_PREVIOUS;
    process.env.PRINTERNIZER_SECRET_KEY_FILE = path.join(await mkdtemp(path.join(os.tmpdir(), "pz-keys-")), "keys.json");
  });

  it("round-trips and never contains the plaintext", async () => {
    const ring = await loadKeyring();
    const stored = encrypt('{"accessCode":"12345678"}', ring);
    expect(stored).not.toContain("12345678");
    expect(decrypt(stored, ring)).toBe('{"accessCode":"12345678"}');
    expect(envelopeKeyId(stored)).toBe(ring.active.id);
  });

  it("detects tampering", async () => {
    const ring = await loadKeyring();
    const env = JSON.parse(encrypt("secret", ring)) as { data: string };
    const bytes = Buffer.from(env.data, "base64");
    bytes[0] ^= 1;
    expect(() => decrypt(JSON.stringify({ ...env, data: bytes.toString("base64") }), ring)).toThrow();
  });

  it("keeps old keys readable after rotation and encrypts with the new one", async () => {
    const before = await loadKeyring();
    const old = encrypt("secret", before);
    const added = await addFileKey();
    const after = await loadKeyring();
    expect(after.active.id).toBe(added.id);
    expect(decrypt(old, after)).toBe("secret");
    expect(envelopeKeyId(encrypt("x", after))).toBe(added.id);
  });

  it("uses the environment key when set, and the previous one for old data", async () => {
    process.env.PRINTERNIZER_SECRET_KEY = "first secret";
    const first = await loadKeyring();
    const old = encrypt("secret", first);
    process.env.PRINTERNIZER_SECRET_KEY = "second secret";
    process.env.PRINTERNIZER_SECRET_KEY_PREVIOUS = "first secret";
    const second = await loadKeyring();
    expect(second.active.id).not.toBe(first.active.id);
    expect(decrypt(old, second)).toBe("secret");
    delete process.env.PRINTERNIZER_SECRET_KEY_PREVIOUS;
    const withoutPrevious = await loadKeyring();
    expect(() => decrypt(old, withoutPrevious)).toThrow(/not available/);
  });
});
