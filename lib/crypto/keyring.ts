import { createHash, randomBytes, scryptSync } from "node:crypto";
import { chmod, mkdir, readFile, rename, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { dataDir } from "@/lib/config/env";

/**
 * Keys for printer credentials. The active key comes from PRINTERNIZER_SECRET_KEY (a
 * passphrase, stretched with scrypt and a random salt) or, when unset, from a random key
 * in the key file in the data folder, created on first use. The key file also keeps each
 * passphrase's salt and scrypt parameters (never the passphrase or the key), so web and
 * worker derive the same key. Older keys stay readable so `keys:rotate` can re-encrypt;
 * so do keys of the old derivation (one SHA-256 of the passphrase), marked legacy.
 */
export interface CredentialKey {
  id: string;
  key: Buffer;
  createdAt: Date;
  /** Derived the old way (SHA-256 of the passphrase): readable, never used to encrypt. */
  legacy?: true;
}

const scryptParamsSchema = z.object({ salt: z.string(), N: z.number().int(), r: z.number().int(), p: z.number().int() });
type ScryptParams = z.infer<typeof scryptParamsSchema>;

const keyFileSchema = z.object({
  keys: z.array(z.object({ id: z.string(), key: z.string(), createdAt: z.string() })),
  /** One entry per passphrase ever used: how its key is derived; the id is that key's. */
  passphrases: z.array(z.object({ id: z.string(), scrypt: scryptParamsSchema, createdAt: z.string() })).default([]),
});
type KeyFile = z.infer<typeof keyFileSchema>;

/** 2^15 × 8 × 1: about 32 MiB and a few tens of milliseconds, once per process and passphrase. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

export function keyFilePath(): string {
  return process.env.PRINTERNIZER_SECRET_KEY_FILE ?? path.join(dataDir(), "secrets", "credential-keys.json");
}

function keyIdOf(prefix: string, key: Buffer): string {
  return `${prefix}-${createHash("sha256").update(key).digest("hex").slice(0, 8)}`;
}

function legacyKey(passphrase: string): CredentialKey {
  const key = createHash("sha256").update(passphrase, "utf8").digest();
  return { id: keyIdOf("env", key), key, createdAt: new Date(0), legacy: true };
}

const derived = new Map<string, Buffer>();

/** scrypt of a passphrase, cached per process (web and worker derive each key once). */
export function deriveKey(passphrase: string, params: ScryptParams): Buffer {
  const cacheKey = createHash("sha256").update(JSON.stringify([passphrase, params])).digest("hex");
  let key = derived.get(cacheKey);
  if (!key) {
    key = scryptSync(passphrase, Buffer.from(params.salt, "base64"), 32, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r });
    derived.set(cacheKey, key);
  }
  return key;
}

async function readKeyFile(): Promise<KeyFile> {
  try {
    return keyFileSchema.parse(JSON.parse(await readFile(keyFilePath(), "utf8")));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { keys: [], passphrases: [] };
    throw new Error(`credential key file ${keyFilePath()} is unreadable`, { cause: err });
  }
}

async function writeKeyFile(body: KeyFile): Promise<void> {
  const file = keyFilePath();
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(body, null, 2), { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

/**
 * Changes the key file under a lock directory beside it, so web and worker starting
 * together agree on one new key or salt instead of each writing its own.
 */
async function changeKeyFile<T>(change: (file: KeyFile) => { file: KeyFile | null; result: T }): Promise<T> {
  const file = keyFilePath();
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const lock = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const since = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      // A lock older than 30 s belongs to a process that died while holding it.
      if (since > 30_000) await rmdir(lock).catch(() => undefined);
      else if (attempt > 200) throw new Error(`credential key file ${file} stays locked (${lock})`);
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    const outcome = change(await readKeyFile());
    if (outcome.file) await writeKeyFile(outcome.file);
    return outcome.result;
  } finally {
    await rmdir(lock).catch(() => undefined);
  }
}

function fileKeys(file: KeyFile): CredentialKey[] {
  return file.keys.map((k) => ({ id: k.id, key: Buffer.from(k.key, "base64"), createdAt: new Date(k.createdAt) }));
}

/** The key of a passphrase whose salt the key file already holds, or null. */
function knownPassphraseKey(file: KeyFile, passphrase: string): CredentialKey | null {
  for (const entry of file.passphrases) {
    const key = deriveKey(passphrase, entry.scrypt);
    if (keyIdOf("p", key) === entry.id) return { id: entry.id, key, createdAt: new Date(entry.createdAt) };
  }
  return null;
}

async function passphraseKey(passphrase: string, createdAt: Date): Promise<CredentialKey> {
  const known = knownPassphraseKey(await readKeyFile(), passphrase);
  if (known) return { ...known, createdAt };
  return changeKeyFile((file) => {
    const again = knownPassphraseKey(file, passphrase);
    if (again) return { file: null, result: { ...again, createdAt } };
    const scrypt = { salt: randomBytes(16).toString("base64"), ...SCRYPT };
    const key = deriveKey(passphrase, scrypt);
    const id = keyIdOf("p", key);
    const passphrases = [...file.passphrases, { id, scrypt, createdAt: new Date().toISOString() }];
    return { file: { ...file, passphrases }, result: { id, key, createdAt } };
  });
}

function newFileKey(): { id: string; key: string; createdAt: string } {
  return { id: `k-${randomBytes(4).toString("hex")}`, key: randomBytes(32).toString("base64"), createdAt: new Date().toISOString() };
}

export interface Keyring {
  active: CredentialKey;
  all: Map<string, CredentialKey>;
}

/** Loads every key; creates the key file with one key when there is none and no env key. */
export async function loadKeyring(): Promise<Keyring> {
  const file = await readKeyFile();
  const all = new Map(fileKeys(file).map((k) => [k.id, k]));
  const envSecret = process.env.PRINTERNIZER_SECRET_KEY;
  const previous = process.env.PRINTERNIZER_SECRET_KEY_PREVIOUS;
  for (const passphrase of [previous, envSecret]) {
    if (!passphrase) continue;
    const old = legacyKey(passphrase);
    all.set(old.id, old);
  }
  if (previous) {
    const known = knownPassphraseKey(file, previous);
    if (known) all.set(known.id, known);
  }
  if (envSecret) {
    const since = process.env.PRINTERNIZER_SECRET_KEY_CREATED ? new Date(process.env.PRINTERNIZER_SECRET_KEY_CREATED) : new Date(0);
    const active = await passphraseKey(envSecret, since);
    all.set(active.id, active);
    return { active, all };
  }
  const keys = file.keys.length > 0 ? fileKeys(file) : fileKeys({ keys: [await createFirstKey()], passphrases: [] });
  for (const key of keys) all.set(key.id, key);
  return { active: keys[keys.length - 1], all };
}

async function createFirstKey(): Promise<KeyFile["keys"][number]> {
  return changeKeyFile((file) => {
    const existing = file.keys.at(-1);
    if (existing) return { file: null, result: existing };
    const created = newFileKey();
    return { file: { ...file, keys: [created] }, result: created };
  });
}

/** Adds a new active key to the key file (file-managed keys only). */
export async function addFileKey(): Promise<CredentialKey> {
  if (process.env.PRINTERNIZER_SECRET_KEY) {
    throw new Error(
      "PRINTERNIZER_SECRET_KEY is set: rotate by setting the new secret there and the old one in PRINTERNIZER_SECRET_KEY_PREVIOUS",
    );
  }
  const created = await changeKeyFile((file) => {
    const key = newFileKey();
    return { file: { ...file, keys: [...file.keys, key] }, result: key };
  });
  return fileKeys({ keys: [created], passphrases: [] })[0];
}

export const KEY_MAX_AGE_DAYS = 90;

export function keyAgeDays(key: CredentialKey, now = new Date()): number | null {
  if (key.createdAt.getTime() === 0) return null;
  return Math.floor((now.getTime() - key.createdAt.getTime()) / 86_400_000);
}
