import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/config/env";

/**
 * A random secret generated on first use and kept in <data dir>/secrets/<name> (mode
 * 0600), so a fresh install works without configuring one. All web replicas must share
 * the data directory or set the corresponding environment variable instead.
 */
export function readOrCreateSecretFile(name: string): string {
  const dir = path.join(dataDir(), "secrets");
  const file = path.join(dir, name);
  const existing = readIfPresent(file);
  if (existing) return existing;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  // Written aside and linked into place, so no process ever reads a half-written file
  // and a process that loses the race adopts the winner's secret.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(temp, `${secret}\n`, { mode: 0o600 });
  try {
    fs.linkSync(temp, file);
    return secret;
  } catch (error) {
    const winner = isErrno(error, "EEXIST") ? readIfPresent(file) : null;
    if (winner) return winner;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function readIfPresent(file: string): string | null {
  try {
    const value = fs.readFileSync(file, "utf8").trim();
    return value.length > 0 ? value : null;
  } catch (error) {
    if (isErrno(error, "ENOENT")) return null;
    throw error;
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
