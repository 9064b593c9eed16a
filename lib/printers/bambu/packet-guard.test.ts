import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { mqttMaxPacketBytes, watchPacketSizes } from "./packet-guard";

/** An MQTT PUBLISH header announcing `length` body bytes (remaining-length varint). */
function header(length: number): Buffer {
  const bytes = [0x30];
  let rest = length;
  do {
    let byte = rest % 128;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest > 0);
  return Buffer.from(bytes);
}

describe("MQTT packet size guard", () => {
  it("defaults to 1 MiB, adjustable", () => {
    expect(mqttMaxPacketBytes({})).toBe(1024 * 1024);
    expect(mqttMaxPacketBytes({ PRINTERNIZER_MQTT_MAX_PACKET_BYTES: "4194304" })).toBe(4 * 1024 * 1024);
  });

  it("lets packets up to the cap through, across chunk boundaries, and trips on the first larger header", () => {
    const socket = new PassThrough();
    const seen: number[] = [];
    watchPacketSizes(socket, 1000, (announced) => seen.push(announced));
    const small = Buffer.concat([header(1000), Buffer.alloc(1000), header(10), Buffer.alloc(10)]);
    for (let i = 0; i < small.length; i += 7) socket.write(small.subarray(i, i + 7));
    expect(seen).toEqual([]);
    // The 256 MiB header alone trips it: nothing of the body needs to arrive.
    const huge = header(256 * 1024 * 1024 - 1);
    socket.write(huge.subarray(0, 2));
    socket.write(huge.subarray(2));
    expect(seen).toEqual([256 * 1024 * 1024 - 1]);
    socket.write(header(5000));
    expect(seen).toHaveLength(1);
  });
});
