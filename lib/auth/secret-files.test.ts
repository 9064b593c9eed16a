import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readOrCreateSecretFile } from "./secret-files";

const dir = mkdtempSync(path.join(tmpdir(), "printernizer-secrets-"));
process.env.PRINTERNIZER_DATA_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("generated secrets", () => {
  it("creates a 32-byte secret once, readable only by the owner, and reuses it", () => {
    const first = readOrCreateSecretFile("example");
    expect(Buffer.from(first, "base64url")).toHaveLength(32);
    const file = path.join(dir, "secrets", "example");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readOrCreateSecretFile("example")).toBe(first);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(readOrCreateSecretFile("other")).not.toBe(first);
  });
});
