import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiskWriter } from "./disk-writer";

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** A writer whose returned buffers can be awaited. */
function writerFor(file: string, offset: number) {
  const freed: (ArrayBuffer | null)[] = [];
  let wake: (() => void) | null = null;
  const writer = new DiskWriter(file, offset, (buffer) => {
    freed.push(buffer);
    wake?.();
  });
  const next = async (): Promise<ArrayBuffer | null> => {
    while (freed.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return freed.shift() ?? null;
  };
  return { writer, next };
}

function bufferOf(text: string): ArrayBuffer {
  const bytes = Buffer.from(text);
  const buffer = new ArrayBuffer(bytes.length + 16);
  bytes.copy(Buffer.from(buffer));
  return buffer;
}

describe("DiskWriter", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "disk-writer-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes buffers at their positions, gives them back, and hashes the file including what was there", async () => {
    const file = path.join(dir, "resumed.part");
    await writeFile(file, "kept prefix|");
    const { writer, next } = writerFor(file, 12);
    const first = bufferOf("second|");
    writer.write(first, 7, 12);
    writer.write(bufferOf("third"), 5, 19);
    // Moved, not copied: the sender's buffer is detached, the same memory comes back whole.
    expect(first.byteLength).toBe(0);
    expect((await next())?.byteLength).toBe(23);
    await next();
    expect(writer.written).toBe(24);
    const digest = await writer.finish(24);
    await writer.close();
    expect(await readFile(file, "utf8")).toBe("kept prefix|second|third");
    expect(digest).toBe(sha256(Buffer.from("kept prefix|second|third")));
  });

  it("starts the hash over when the printer resends from byte 0, and cuts the file at the end", async () => {
    const file = path.join(dir, "restarted.part");
    await writeFile(file, "old content, longer than the new");
    const { writer, next } = writerFor(file, 32);
    writer.restart();
    writer.write(bufferOf("new"), 3, 0);
    await next();
    const digest = await writer.finish(3);
    await writer.close();
    expect(await readFile(file, "utf8")).toBe("new");
    expect(digest).toBe(sha256(Buffer.from("new")));
  });

  it("reports a failure with its system code, still gives the buffer back, and refuses a digest", async () => {
    const { writer, next } = writerFor(path.join(dir, "missing", "x.part"), 0);
    const buffer = bufferOf("lost");
    writer.write(buffer, 4, 0);
    expect((await next())?.byteLength).toBe(20);
    expect(writer.failure).toMatchObject({ code: "ENOENT" });
    await expect(writer.finish(4)).rejects.toMatchObject({ code: "ENOENT" });
    await writer.close();
  });

  it("keeps several files apart", async () => {
    const files = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const file = path.join(dir, `parallel-${n}.part`);
        await writeFile(file, "");
        return { file, text: `file ${n} `.repeat(n * 1000) };
      }),
    );
    const digests = await Promise.all(
      files.map(async ({ file, text }) => {
        const { writer, next } = writerFor(file, 0);
        writer.write(bufferOf(text), text.length, 0);
        await next();
        const digest = await writer.finish(text.length);
        await writer.close();
        return digest;
      }),
    );
    expect(digests).toEqual(files.map(({ text }) => sha256(Buffer.from(text))));
  });
});
