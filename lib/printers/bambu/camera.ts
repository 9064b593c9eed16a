import { PrinterFailure } from "@/lib/printers/types";
import type { BambuConnection } from "./kind";
import { failureKeys, networkFailure } from "./failures";
import { modelTraits, normalizeModel } from "./models";
import { bambuTlsOptions, connectTracked } from "./tls";

/**
 * A1/P1 chamber camera: TLS to port 6000, an 80-byte auth packet, then a stream of
 * frames, each a 16-byte header (u32 LE payload length, 0, 1, 0) and a JPEG. X1 models
 * stream RTSPS instead, which we do not support.
 */

export type SnapshotResult = { frame: Buffer } | { frame: null; reason: "rtsps-unsupported" };

export interface CameraOptions {
  timeoutMs: number;
  /** Frames larger than this are treated as garbage (a 1080p JPEG is ~100-300 kB). */
  maxFrameBytes?: number;
}

const headerBytes = 16;
const credentialBytes = 32;

export function cameraAuthPacket(username: string, accessCode: string): Buffer {
  const packet = Buffer.alloc(16 + 2 * credentialBytes);
  packet.writeUInt32LE(0x40, 0);
  packet.writeUInt32LE(0x3000, 4);
  packet.writeUInt32LE(0, 8);
  packet.writeUInt32LE(0, 12);
  packet.write(username, 16, credentialBytes, "utf8");
  packet.write(accessCode, 16 + credentialBytes, credentialBytes, "utf8");
  return packet;
}

function isJpeg(frame: Buffer): boolean {
  return (
    frame.length >= 4 &&
    frame[0] === 0xff &&
    frame[1] === 0xd8 &&
    frame[frame.length - 2] === 0xff &&
    frame[frame.length - 1] === 0xd9
  );
}

/** Accumulates socket chunks and yields the first complete JPEG frame. */
export class FrameReader {
  private buffer = Buffer.alloc(0);

  constructor(private readonly maxFrameBytes: number) {}

  /** Returns a frame once one is complete; throws on a header that cannot be a frame. */
  push(chunk: Buffer): Buffer | null {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= headerBytes) {
      const length = this.buffer.readUInt32LE(0);
      if (length === 0 || length > this.maxFrameBytes) throw new Error("invalid camera frame header");
      if (this.buffer.length < headerBytes + length) return null;
      const frame = this.buffer.subarray(headerBytes, headerBytes + length);
      this.buffer = this.buffer.subarray(headerBytes + length);
      if (isJpeg(frame)) return Buffer.from(frame);
    }
    return null;
  }
}

type CameraConnection = Pick<BambuConnection, "host" | "cameraPort" | "serial" | "accessCode" | "tls" | "caCert" | "model">;

export async function captureSnapshot(conn: CameraConnection, options: CameraOptions): Promise<SnapshotResult> {
  if (modelTraits(normalizeModel(conn.model)).camera === "rtsps") {
    return { frame: null, reason: "rtsps-unsupported" };
  }
  const tlsOptions = bambuTlsOptions(conn);
  const reader = new FrameReader(options.maxFrameBytes ?? 8 * 1024 * 1024);
  return new Promise<SnapshotResult>((resolve, reject) => {
    let settled = false;
    const { socket, stage } = connectTracked({ ...tlsOptions, host: conn.host, port: conn.cameraPort });
    const finish = (outcome: { frame: Buffer } | { failure: PrinterFailure }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if ("frame" in outcome) resolve({ frame: outcome.frame });
      else reject(outcome.failure);
    };
    const timer = setTimeout(
      () => finish({ failure: new PrinterFailure("temporary", "timeout", failureKeys.timeout) }),
      options.timeoutMs,
    );
    socket.once("secureConnect", () => {
      socket.write(cameraAuthPacket("bblp", conn.accessCode));
    });
    socket.on("data", (chunk: Buffer) => {
      try {
        const frame = reader.push(chunk);
        if (frame) finish({ frame });
      } catch (error) {
        finish({ failure: new PrinterFailure("temporary", "protocol", failureKeys.camera, { cause: error }) });
      }
    });
    socket.on("error", (error) => finish({ failure: networkFailure(error, stage()) }));
    socket.on("close", () => finish({ failure: new PrinterFailure("temporary", "protocol", failureKeys.camera) }));
  });
}
