import tls, { type TLSSocket } from "node:tls";
import type { Logger } from "@/lib/log/logger";
import type { PemKeyPair } from "./certificates";
import { cameraFrames } from "./camera-frames";

export interface CameraServerOptions {
  host: string;
  port: number;
  accessCode: string;
  certificate: PemKeyPair;
  frameIntervalMs: number;
  lightOn: () => boolean;
  log: Logger;
}

export interface CameraServer {
  readonly port: number;
  setCertificate(certificate: PemKeyPair): void;
  disconnectAll(): void;
  close(): Promise<void>;
}

const authPacketLength = 80;
const authTimeoutMs = 10_000;
// A client that stops reading must not make the printer buffer frames without end.
const maxBufferedBytes = 1024 * 1024;

/** The 80-byte packet A1/P1 expect first: 0x40, 0x3000, 0, 0, user and code NUL-padded to 32. */
export function cameraAuthPacket(username: string, accessCode: string): Buffer {
  const packet = Buffer.alloc(authPacketLength);
  packet.writeUInt32LE(0x40, 0);
  packet.writeUInt32LE(0x3000, 4);
  packet.write(username, 16, 32, "ascii");
  packet.write(accessCode, 48, 32, "ascii");
  return packet;
}

/** The 16-byte header before each JPEG: payload length, 0, 1, 0 (u32 LE). */
export function frameHeader(length: number): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32LE(length, 0);
  header.writeUInt32LE(1, 8);
  return header;
}

function validAuth(packet: Buffer, accessCode: string): boolean {
  return packet.equals(cameraAuthPacket("bblp", accessCode));
}

/** The A1/P1 chamber camera: TLS on port 6000, one auth packet, then JPEG frames at ~2 fps. */
export async function startCameraServer(options: CameraServerOptions): Promise<CameraServer> {
  const { log } = options;
  const secureOptions = (pair: PemKeyPair): tls.SecureContextOptions => ({
    key: pair.keyPem,
    cert: pair.certPem,
    minVersion: "TLSv1.2",
    maxVersion: "TLSv1.2",
  });
  const server = tls.createServer({ ...secureOptions(options.certificate), handshakeTimeout: 10_000 });
  const sockets = new Set<TLSSocket>();

  const stream = (socket: TLSSocket): void => {
    let index = 0;
    const send = (): void => {
      if (socket.destroyed || socket.writableLength > maxBufferedBytes) return;
      const frames = cameraFrames(options.lightOn());
      const frame = frames[index++ % frames.length];
      socket.write(Buffer.concat([frameHeader(frame.length), frame]));
    };
    send();
    const timer = setInterval(send, options.frameIntervalMs);
    socket.once("close", () => clearInterval(timer));
  };

  server.on("secureConnection", (socket: TLSSocket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.on("error", (error) => log.debug({ err: error }, "camera connection error"));
    let received = Buffer.alloc(0);
    const timeout = setTimeout(() => socket.destroy(), authTimeoutMs);
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      if (received.length < authPacketLength) return;
      socket.off("data", onData);
      clearTimeout(timeout);
      if (!validAuth(received.subarray(0, authPacketLength), options.accessCode)) {
        log.debug("camera auth refused");
        socket.destroy();
        return;
      }
      stream(socket);
    };
    socket.on("data", onData);
    socket.once("close", () => clearTimeout(timeout));
  });
  server.on("tlsClientError", (error) => log.debug({ err: error }, "camera tls handshake failed"));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : options.port,
    setCertificate: (certificate) => server.setSecureContext(secureOptions(certificate)),
    disconnectAll: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
