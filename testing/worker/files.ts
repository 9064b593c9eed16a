import { createHash } from "node:crypto";
import type { DownloadTarget, NormalizedState, PrinterDriver, RemoteFile } from "@/lib/printers/types";
import { offlineState } from "@/lib/printers/types";

/** For tests only (never imported by production code). */

export function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export interface FakeFileOptions {
  /** What the printer does with a range request: honour it (206) or resend everything (200). */
  range: "honour" | "ignore";
  /** Bytes after which the connection "drops" (once). */
  dropAfter?: number;
  /** Size the listing claims, if different from the content. */
  listedSize?: number;
  /** Pause after every chunk, to keep transfers running for a while. */
  chunkDelayMs?: number;
}

/** A driver with files in memory that streams like the real ones (chunks, backpressure, progress). */
export class FakeFileDriver implements PrinterDriver {
  readonly kind = "prusalink" as const;
  downloads = 0;
  private dropped = false;

  constructor(
    readonly files: Map<string, Buffer>,
    private readonly opts: FakeFileOptions,
  ) {}

  start(): void {}
  async stop(): Promise<void> {}
  current(): NormalizedState {
    return offlineState();
  }
  on(): void {}
  off(): void {}
  async command(): Promise<void> {}
  async snapshot(): Promise<Buffer | null> {
    return null;
  }
  async upload(): Promise<void> {}
  async deleteFile(path: string): Promise<void> {
    this.files.delete(path);
  }

  async listFiles(): Promise<RemoteFile[]> {
    return [...this.files].map(([path, data]) => ({
      path,
      name: path.split("/").at(-1) ?? path,
      size: this.opts.listedSize ?? data.length,
      modifiedAt: new Date("2026-11-20T10:00:00Z"),
    }));
  }

  async download(path: string, target: DownloadTarget): Promise<{ bytes: number; resumed: boolean }> {
    this.downloads += 1;
    const data = this.files.get(path);
    if (!data) throw new Error("not found");
    const resumed = target.offset > 0 && this.opts.range === "honour";
    let position = resumed ? target.offset : 0;
    target.onProgress?.(position);
    const chunk = 64 * 1024;
    while (position < data.length) {
      if (target.signal?.aborted) throw new Error("aborted");
      if (!this.dropped && this.opts.dropAfter !== undefined && position >= this.opts.dropAfter) {
        this.dropped = true;
        throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      }
      const piece = data.subarray(position, Math.min(position + chunk, data.length));
      position += piece.length;
      if (!target.write.write(piece)) await new Promise((resolve) => target.write.once("drain", resolve));
      target.onProgress?.(position);
      if (this.opts.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, this.opts.chunkDelayMs));
    }
    return { bytes: position, resumed };
  }
}
