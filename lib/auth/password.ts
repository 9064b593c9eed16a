import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import bcrypt from "bcryptjs";
import { PasswordGate } from "./password-gate";

/**
 * Passwords are hashed with scrypt from node:crypto: it runs on libuv's thread pool, so a
 * stream of logins does not block the web process's event loop (bcryptjs, used before,
 * computes on the main thread). Hashes from before are bcrypt; they still verify and are
 * replaced by an scrypt hash at the next successful login (`needsRehash`).
 *
 * N = 2^15, r = 8, p = 2: 32 MiB and ~100-200 ms per check on a Pi-class core.
 */
const params = { N: 2 ** 15, r: 8, p: 2 } as const;
const KEY_BYTES = 32;
const scryptOptions: ScryptOptions = { ...params, maxmem: 64 * 1024 * 1024 };
const PREFIX = `scrypt$${params.N}$${params.r}$${params.p}$`;

/** At most 4 checks at once (libuv's default pool size), 64 queued; more are refused. */
export const passwordGate = new PasswordGate(4, 64);

function derive(plain: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(plain.normalize("NFC"), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export function hashPassword(plain: string): Promise<string> {
  return passwordGate.run(async () => {
    const salt = randomBytes(16);
    const key = await derive(plain, salt, scryptOptions);
    return `${PREFIX}${salt.toString("base64url")}$${key.toString("base64url")}`;
  });
}

async function verifyScrypt(plain: string, hash: string): Promise<boolean> {
  const [, n, r, p, salt, key] = hash.split("$");
  const expected = Buffer.from(key ?? "", "base64url");
  if (!salt || expected.length !== KEY_BYTES) return false;
  const options = { N: Number(n), r: Number(r), p: Number(p), maxmem: scryptOptions.maxmem };
  const actual = await derive(plain, Buffer.from(salt, "base64url"), options);
  return timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | null = null;

/**
 * Compares with the stored hash. Without one (unknown email) it still runs one full check
 * against a throwaway hash, so the answer takes as long either way and response times do
 * not reveal which addresses have accounts. Throws `PasswordGateFull` when too many checks
 * already run or wait.
 */
export async function verifyPassword(plain: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
    const throwaway = await dummyHash;
    await passwordGate.run(() => verifyScrypt(plain, throwaway));
    return false;
  }
  if (hash.startsWith("scrypt$")) return passwordGate.run(() => verifyScrypt(plain, hash));
  return passwordGate.run(() => bcrypt.compare(plain, hash));
}

/** True for hashes made before the current scheme: rehash them once the password is known. */
export function needsRehash(hash: string): boolean {
  return !hash.startsWith(PREFIX);
}
