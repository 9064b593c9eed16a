import { createHash } from "node:crypto";
import { appendFile, mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileHasher } from "./file-hasher";

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

describe("FileHasher", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "file-hasher-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("hashes a file as it grows, up to the length asked for", async () => {
    const file = path.join(dir, "growing.part");
    const parts = [Buffer.alloc(3 * 1024 * 1024, 1), Buffer.from("second part"), Buffer.alloc(1_500_000, 7)];
    await writeFile(file, "");
    const hasher = new FileHasher(file);
    for (const [i, part] of parts.entries()) {
      await appendFile(file, part);
      hasher.advance(parts.slice(0, i + 1).reduce((n, p) => n + p.length, 0));
    }
    await appendFile(file, "bytes past the length are not part of the digest");
    const length = parts.reduce((n, p) => n + p.length, 0);
    expect(await hasher.digest(length)).toBe(sha256(Buffer.concat(parts)));
  });

  it("starts over after a reset, whatever it had read before", async () => {
    const file = path.join(dir, "rewritten.part");
    await writeFile(file, "old content that the printer sends again");
    const hasher = new FileHasher(file);
    hasher.advance(10);
    // Past the end: that read fails, and the reset must clear the failure too.
    hasher.advance(1_000);
    hasher.reset();
    // As the sink does after a restart: the new bytes overwrite the old ones in place.
    const handle = await open(file, "r+");
    await handle.write("new", 0);
    await handle.close();
    expect(await hasher.digest(3)).toBe(sha256(Buffer.from("new")));
  });

  it("fails when the file is shorter than the length given", async () => {
    const file = path.join(dir, "short.part");
    await writeFile(file, "12345");
    await expect(new FileHasher(file).digest(6)).rejects.toThrow(/ended at 5 bytes/);
  });

  it("keeps several files apart", async () => {
    const files = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const file = path.join(dir, `parallel-${n}.part`);
        const data = Buffer.alloc(n * 700_000, n);
        await writeFile(file, data);
        return { file, data };
      }),
    );
    const digests = await Promise.all(files.map(({ file, data }) => new FileHasher(file).digest(data.length)));
    expect(digests).toEqual(files.map(({ data }) => sha256(data)));
  });
});
