import { createServer, type TLSSocket } from "node:tls";
import { afterEach, describe, expect, it } from "vitest";
import { requireTool } from "@/testing/tools";
import type { BambuConnection } from "./kind";
import { cameraAuthPacket, captureSnapshot, FrameReader } from "./camera";
import { createTestPki } from "@/testing/printers/bambu/certs";

const serial = "01P00A000000003";
const accessCode = "87654321";
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 7), Buffer.from([0xff, 0xd9])]);

function frame(payload: Buffer): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(0, 4);
  header.writeUInt32LE(1, 8);
  header.writeUInt32LE(0, 12);
  return Buffer.concat([header, payload]);
}

describe("camera protocol", () => {
  it("builds the 80-byte auth packet", () => {
    const packet = cameraAuthPacket("bblp", "12345678");
    expect(packet).toHaveLength(80);
    expect([packet.readUInt32LE(0), packet.readUInt32LE(4), packet.readUInt32LE(8), packet.readUInt32LE(12)]).toEqual([0x40, 0x3000, 0, 0]);
    expect(packet.subarray(16, 48).toString("utf8").replace(/\0+$/, "")).toBe("bblp");
    expect(packet.subarray(16 + 4, 48).every((byte) => byte === 0)).toBe(true);
    expect(packet.subarray(48, 80).toString("utf8").replace(/\0+$/, "")).toBe("12345678");
  });

  it("reassembles a frame split across chunks and skips non-JPEG frames", () => {
    const reader = new FrameReader(1_000_000);
    const stream = Buffer.concat([frame(Buffer.from("not a jpeg")), frame(jpeg)]);
    const chunks = [stream.subarray(0, 3), stream.subarray(3, 40), stream.subarray(40, 2000), stream.subarray(2000)];
    const results = chunks.map((chunk) => reader.push(chunk));
    expect(results.slice(0, 3)).toEqual([null, null, null]);
    expect(results[3]?.equals(jpeg)).toBe(true);
  });

  it("rejects absurd frame lengths", () => {
    const reader = new FrameReader(1000);
    expect(() => reader.push(frame(Buffer.alloc(2000)))).toThrow();
  });
});

describe("camera snapshot over TLS", () => {
  requireTool("openssl", "openssl");
  const pki = createTestPki(serial);
  const servers: Array<() => void> = [];
  afterEach(() => {
    while (servers.length) servers.pop()?.();
  });

  async function cameraServer(behaviour: (socket: TLSSocket, auth: Buffer) => void): Promise<number> {
    const sockets = new Set<TLSSocket>();
    const server = createServer({ cert: pki.certPem, key: pki.keyPem }, (socket) => {
      sockets.add(socket);
      let received = Buffer.alloc(0);
      socket.on("data", (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        if (received.length >= 80) behaviour(socket, received.subarray(0, 80));
      });
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(() => {
      for (const socket of sockets) socket.destroy();
      server.close();
    });
    const address = server.address();
    return typeof address === "object" && address ? address.port : 0;
  }

  function conn(port: number, overrides: Partial<BambuConnection> = {}) {
    return { host: "127.0.0.1", cameraPort: port, serial, accessCode, tls: "custom-ca" as const, caCert: pki.caPem, model: "P1S", ...overrides };
  }

  const printerCamera = (socket: TLSSocket, auth: Buffer) => {
    if (!auth.equals(cameraAuthPacket("bblp", accessCode))) {
      socket.destroy();
      return;
    }
    socket.write(frame(jpeg).subarray(0, 100));
    setTimeout(() => socket.write(Buffer.concat([frame(jpeg).subarray(100), frame(jpeg)])), 20);
  };

  it("returns the first complete JPEG", async () => {
    const port = await cameraServer(printerCamera);
    const result = await captureSnapshot(conn(port), { timeoutMs: 3000 });
    expect(result.frame?.equals(jpeg)).toBe(true);
  });

  it("a wrong access code ends in a camera failure", async () => {
    const port = await cameraServer(printerCamera);
    await expect(captureSnapshot(conn(port, { accessCode: "wrong" }), { timeoutMs: 3000 })).rejects.toMatchObject({ stage: "protocol", message: "bambu.failure.camera" });
  });

  it("X1 models stream RTSPS: no snapshot, with the reason", async () => {
    await expect(captureSnapshot(conn(1, { model: "X1C" }), { timeoutMs: 100 })).resolves.toEqual({ frame: null, reason: "rtsps-unsupported" });
  });

  it("times out when no frame arrives", async () => {
    const port = await cameraServer(() => undefined);
    await expect(captureSnapshot(conn(port), { timeoutMs: 300 })).rejects.toMatchObject({ stage: "timeout" });
  });

  it("verifies the camera's certificate like MQTT", async () => {
    const port = await cameraServer(printerCamera);
    await expect(captureSnapshot(conn(port, { caCert: pki.otherCaPem }), { timeoutMs: 3000 })).rejects.toMatchObject({ stage: "tls", kind: "permanent" });
  });

  it("a closed port is a tcp failure", async () => {
    const port = await cameraServer(printerCamera);
    servers.pop()?.();
    await expect(captureSnapshot(conn(port), { timeoutMs: 3000 })).rejects.toMatchObject({ stage: "tcp" });
  });
});
