import { createHash, randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { dataDir } from "@/lib/config/env";

/**
 * Keys for printer credentials. The active key comes from PRINTERNIZER_SECRET_KEY (any
 * string; hashed to 256 bits) or, when unset, from a key file in the data folder that is
 * created on first use. Older keys stay readable so `keys:rotate` can re-encrypt.
 */
export interface CredentialKey {
  id: string;
  key: Buffer;
  createdAt: Date;
}

const keyFileSchema = z.object({
  keys: z.array(z.object({ id: z.string(), key: z.string(), createdAt: z.string() })),
});

export function keyFilePath(): string {
  return process.env.PRINTERNIZER_SECRET_KEY_FILE ?? path.join(dataDir(), "secrets", "credential-keys.json");
}

function keyFromSecret(secret: string, createdAt: Date): CredentialKey {
  const key = createHash("sha256").update(secret, "utf8").digest();
  return { id: `env-${createHash("sha256").update(key).digest("hex").slice(0, 8)}`, key, createdAt };
}

async function readKeyFile(): Promise<CredentialKey[]> {
  try {
    const parsed = keyFileSchema.parse(JSON.parse(await readFile(keyFilePath(), "utf8")));
    return parsed.keys.map((k) => ({ id: k.id, key: Buffer.from(k.key, "base64"), createdAt: new Date(k.createdAt) }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new Error(`credential key file ${keyFilePath()} is unreadable`, { cause: err });
  }
}

async function writeKeyFile(keys: CredentialKey[]): Promise<void> {
  const file = keyFilePath();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const body = { keys: keys.map((k) => ({ id: k.id, key: k.key.toString("base64"), createdAt: k.createdAt.toISOString() })) };
  await writeFile(tmp, JSON.stringify(body, null, 2), { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

export interface Keyring {
  active: CredentialKey;
  all: Map<string, CredentialKey>;
}

/** Loads every key; creates the key file with one key when there is none and no env key. */
export async function loadKeyring(): Promise<Keyring> {
  const fileKeys = await readKeyFile();
  const all = new Map(fileKeys.map((k) => [k.id, k]));
  const envSecret = process.env.PRINTERNIZER_SECRET_KEY;
  const previous = process.env.PRINTERNIZER_SECRET_KEY_PREVIOUS;
  if (previous) {
    const k = keyFromSecret(previous, new Date(0));
    all.set(k.id, k);
  }
  if (envSecret) {
    const since = process.env.PRINTERNIZER_SECRET_KEY_CREATED ? new Date(process.env.PRINTERNIZER_SECRET_KEY_CREATED) : new Date(0);
    const active = keyFromSecret(envSecret, since);
    all.set(active.id, active);
    return { active, all };
  }
  if (fileKeys.length === 0) {
    const created = { id: `k-${randomBytes(4).toString("hex")}`, key: randomBytes(32), createdAt: new Date() };
    await writeKeyFile([created]);
    all.set(created.id, created);
    return { active: created, all };
  }
  return { active: fileKeys[fileKeys.length - 1], all };
}

/** Adds a new active key to the key file (file-managed keys only). */
export async function addFileKey(): Promise<CredentialKey> {
  if (process.env.PRINTERNIZER_SECRET_KEY) {
    throw new Error(
      "PRINTERNIZER_SECRET_KEY is set: rotate by setting the new secret there and the old one in PRINTERNIZER_SECRET_KEY_PREVIOUS",
    );
  }
  const keys = await readKeyFile();
  const created = { id: `k-${randomBytes(4).toString("hex")}`, key: randomBytes(32), createdAt: new Date() };
  await writeKeyFile([...keys, created]);
  return created;
}

export const KEY_MAX_AGE_DAYS = 90;

export function keyAgeDays(key: CredentialKey, now = new Date()): number | null {
  if (key.createdAt.getTime() === 0) return null;
  return Math.floor((now.getTime() - key.createdAt.getTime()) / 86_400_000);
}
