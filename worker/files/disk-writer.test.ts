import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiskWriter } from "./disk-writer";

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** A writer with two shared slots; `put` fills one and hands it over, `next` awaits a returned slot. */
function writerFor(file: string, offset: number, slotBytes = 64 * 1024) {
  const shared = [new SharedArrayBuffer(slotBytes), new SharedArrayBuffer(slotBytes)];
  const freed: (number | null)[] = [];
  let wake: (() => void) | null = null;
  const writer = new DiskWriter(file, offset, shared, (slot) => {
    freed.push(slot);
    wake?.();
  });
  const next = async (): Promise<number | null> => {
    while (freed.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return freed.shift() ?? null;
  };
  const put = (slot: number, text: string, position: number) => {
    const length = Buffer.from(shared[slot]).write(text);
    writer.write(slot, length, position);
  };
  return { writer, next, put, shared };
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
    const { writer, next, put } = writerFor(file, 12);
    put(0, "second|", 12);
    put(1, "third", 19);
    expect([await next(), await next()]).toEqual([0, 1]);
    expect(writer.written).toBe(24);
    const digest = await writer.finish(24);
    await writer.close();
    expect(await readFile(file, "utf8")).toBe("kept prefix|second|third");
    expect(digest).toBe(sha256(Buffer.from("kept prefix|second|third")));
  });

  it("starts the hash over when the printer resends from byte 0, and cuts the file at the end", async () => {
    const file = path.join(dir, "restarted.part");
    await writeFile(file, "old content, longer than the new");
    const { writer, next, put } = writerFor(file, 32);
    writer.restart();
    put(0, "new", 0);
    await next();
    const digest = await writer.finish(3);
    await writer.close();
    expect(await readFile(file, "utf8")).toBe("new");
    expect(digest).toBe(sha256(Buffer.from("new")));
  });

  it("reports a failure with its system code, still gives the buffer back, and refuses a digest", async () => {
    const { writer, next, put } = writerFor(path.join(dir, "missing", "x.part"), 0);
    put(1, "lost", 0);
    expect(await next()).toBe(1);
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
        const { writer, next, put } = writerFor(file, 0);
        put(0, text, 0);
        await next();
        const digest = await writer.finish(text.length);
        await writer.close();
        return digest;
      }),
    );
    expect(digests).toEqual(files.map(({ text }) => sha256(Buffer.from(text))));
  });

  it("finishes a file larger than the background flush interval right after its last write", async () => {
    const file = path.join(dir, "large.part");
    await writeFile(file, "");
    const slotBytes = 2 * 1024 * 1024;
    const { writer, next, shared } = writerFor(file, 0, slotBytes);
    const whole = createHash("sha256");
    // 40 MiB: at least one background flush starts, and may still run when finish arrives.
    for (let n = 0; n < 20; n++) {
      const slot = n < 2 ? n : await next();
      if (slot === null) throw new Error("writer closed");
      const block = Buffer.alloc(slotBytes, n);
      whole.update(block);
      block.copy(Buffer.from(shared[slot]));
      writer.write(slot, slotBytes, n * slotBytes);
    }
    // Messages are taken in order: finish comes after the last two writes without waiting for them.
    const digest = await writer.finish(20 * slotBytes);
    await writer.close();
    expect(digest).toBe(whole.digest("hex"));
    expect((await stat(file)).size).toBe(20 * slotBytes);
  });
});
