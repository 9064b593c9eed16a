import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { classifyDownloadError, DownloadError } from "./download-errors";
import { FakeFileDriver, sha256 } from "@/testing/worker/files";
import { transferFile } from "./transfer";

let dir: string;
const file = randomBytes(1_000_000);
const files = () => new Map([["/usb/A.GCO", file]]);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "transfer-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(driver: FakeFileDriver, part: string, opts: { expectedSize?: number | null; partIsCurrent?: boolean } = {}) {
  return transferFile({
    driver,
    remotePath: "/usb/A.GCO",
    part,
    expectedSize: opts.expectedSize === undefined ? file.length : opts.expectedSize,
    partIsCurrent: opts.partIsCurrent ?? true,
    signal: new AbortController().signal,
  });
}

async function failure(promise: Promise<unknown>): Promise<DownloadError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DownloadError);
  return err as DownloadError;
}

describe("classifyDownloadError", () => {
  const signal = new AbortController().signal;
  it("maps a full disk, a reset connection and a shutdown", () => {
    expect(classifyDownloadError(Object.assign(new Error("no space"), { code: "ENOSPC" }), signal)).toMatchObject({ code: "disk_full", keepPart: false });
    expect(classifyDownloadError(Object.assign(new Error("reset"), { code: "ECONNRESET" }), signal)).toMatchObject({ code: "printer_unreachable", keepPart: true });
    const stopping = new AbortController();
    stopping.abort("shutdown");
    expect(classifyDownloadError(new Error("aborted"), stopping.signal)).toMatchObject({ code: "interrupted", keepPart: true });
  });
});

describe("transferFile", () => {
  it("downloads and hashes a file", async () => {
    const part = path.join(dir, ".tmp/x.part");
    const result = await run(new FakeFileDriver(files(), { range: "honour" }), part);
    expect(result).toEqual({ size: file.length, sha256: sha256(file), resumedFrom: 0 });
    expect(sha256(await readFile(part))).toBe(sha256(file));
  });

  it("keeps the .part when the printer drops, then resumes from it with a range", async () => {
    const part = path.join(dir, "x.part");
    const driver = new FakeFileDriver(files(), { range: "honour", dropAfter: 300_000 });
    const err = await failure(run(driver, part));
    expect(err.code).toBe("printer_unreachable");
    const kept = (await stat(part)).size;
    expect(kept).toBeGreaterThanOrEqual(300_000);
    const result = await run(driver, part);
    expect(result.resumedFrom).toBe(kept);
    expect(result.sha256).toBe(sha256(file));
  });

  it("overwrites instead of appending when the printer ignores the range (200 from byte 0)", async () => {
    const part = path.join(dir, "x.part");
    await writeFile(part, file.subarray(0, 400_000));
    const result = await run(new FakeFileDriver(files(), { range: "ignore" }), part);
    expect(result.resumedFrom).toBe(0);
    expect(result.size).toBe(file.length);
    expect(sha256(await readFile(part))).toBe(sha256(file));
  });

  it("discards a .part of another version of the file", async () => {
    const part = path.join(dir, "x.part");
    await writeFile(part, randomBytes(500_000));
    const result = await run(new FakeFileDriver(files(), { range: "honour" }), part, { partIsCurrent: false });
    expect(result.sha256).toBe(sha256(file));
  });

  it("discards a .part larger than the listed size", async () => {
    const part = path.join(dir, "x.part");
    await writeFile(part, randomBytes(file.length + 10));
    const result = await run(new FakeFileDriver(files(), { range: "honour" }), part);
    expect(result.sha256).toBe(sha256(file));
  });

  it("fails on a size that differs from the listing and removes the .part", async () => {
    const part = path.join(dir, "x.part");
    const err = await failure(run(new FakeFileDriver(files(), { range: "honour" }), part, { expectedSize: file.length + 1 }));
    expect(err.code).toBe("size_mismatch");
    await expect(stat(part)).rejects.toThrow();
  });

  it("reports a cancel as cancelled and removes the .part", async () => {
    const part = path.join(dir, "x.part");
    const abort = new AbortController();
    const promise = transferFile({
      driver: new FakeFileDriver(files(), { range: "honour" }),
      remotePath: "/usb/A.GCO",
      part,
      expectedSize: file.length,
      partIsCurrent: true,
      signal: abort.signal,
      onProgress: (bytes) => {
        if (bytes > 100_000) abort.abort("cancelled");
      },
    });
    expect((await failure(promise)).code).toBe("cancelled");
    await expect(stat(part)).rejects.toThrow();
  });
});
