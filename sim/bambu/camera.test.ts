import tls from "node:tls";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cameraAuthPacket } from "./camera-server";
import { type BambuSimulator, startBambuSimulator } from "./simulator";

let sim: BambuSimulator;

beforeAll(async () => {
  sim = await startBambuSimulator({ serial: "01P00A0000CAM01", accessCode: "camcam12", model: "P1S", mqttPort: 0, ftpPort: 0, cameraPort: 0, cameraFrameIntervalMs: 100 });
});
afterAll(() => sim?.close());

function connect(): tls.TLSSocket {
  return tls.connect({ host: sim.host, port: sim.cameraPort ?? 0, ca: sim.caCertPem, servername: sim.serial });
}

/** Reads `count` frames: 16-byte header (length, 0, 1, 0) then the JPEG. */
function readFrames(socket: tls.TLSSocket, count: number): Promise<{ header: Buffer; jpeg: Buffer }[]> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const frames: { header: Buffer; jpeg: Buffer }[] = [];
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 16 && buffer.length >= 16 + buffer.readUInt32LE(0)) {
        const length = buffer.readUInt32LE(0);
        frames.push({ header: buffer.subarray(0, 16), jpeg: buffer.subarray(16, 16 + length) });
        buffer = buffer.subarray(16 + length);
        if (frames.length === count) {
          socket.destroy();
          resolve(frames);
          return;
        }
      }
    });
    socket.once("error", reject);
    socket.once("close", () => reject(new Error(`closed after ${frames.length} frames`)));
  });
}

describe("camera on TLS :6000", () => {
  it("streams JPEG frames after the 80-byte auth packet", async () => {
    const socket = connect();
    await new Promise((resolve) => socket.once("secureConnect", resolve));
    socket.write(cameraAuthPacket("bblp", sim.accessCode));
    const frames = await readFrames(socket, 2);
    for (const { header, jpeg } of frames) {
      expect(header.readUInt32LE(0)).toBe(jpeg.length);
      expect([header.readUInt32LE(4), header.readUInt32LE(8), header.readUInt32LE(12)]).toEqual([0, 1, 0]);
      expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
      expect([jpeg[jpeg.length - 2], jpeg[jpeg.length - 1]]).toEqual([0xff, 0xd9]);
    }
    const meta = await sharp(frames[0].jpeg).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.width).toBeGreaterThan(0);
  });

  it("closes the connection on a wrong access code", async () => {
    const socket = connect();
    await new Promise((resolve) => socket.once("secureConnect", resolve));
    const received: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    socket.write(cameraAuthPacket("bblp", "wrongcod"));
    await new Promise((resolve) => socket.once("close", resolve));
    expect(received).toHaveLength(0);
  });

  it("closes the connection on a malformed auth packet", async () => {
    const socket = connect();
    await new Promise((resolve) => socket.once("secureConnect", resolve));
    const packet = cameraAuthPacket("bblp", sim.accessCode);
    packet.writeUInt32LE(0x41, 0);
    socket.write(packet);
    await new Promise((resolve) => socket.once("close", resolve));
  });

  it("is absent on the X1C, whose camera is RTSPS", async () => {
    const x1 = await startBambuSimulator({ serial: "00M00A0000CAM01", accessCode: "camcam12", model: "X1C", mqttPort: 0, ftpPort: 0, cameraPort: 0 });
    try {
      expect(x1.cameraPort).toBeNull();
    } finally {
      await x1.close();
    }
  });
});
