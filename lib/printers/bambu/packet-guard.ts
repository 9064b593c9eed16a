import type { Duplex } from "node:stream";
import { z } from "zod";

/**
 * Largest MQTT packet a printer may send (PRINTERNIZER_MQTT_MAX_PACKET_BYTES, default
 * 1 MiB; a full report is a few hundred KB). MQTT allows 256 MiB, and mqtt.js buffers a
 * packet whole before looking at it; its maximumPacketSize is MQTT 5 only and checked after
 * buffering, and Bambu printers speak 3.1.1.
 */
export function mqttMaxPacketBytes(source: Record<string, string | undefined> = process.env): number {
  return z.coerce.number().int().min(1024).default(1024 * 1024).parse(source.PRINTERNIZER_MQTT_MAX_PACKET_BYTES);
}

/**
 * Follows the MQTT framing of the bytes a socket receives (fixed header, remaining
 * length, body skipped) and calls `onOversize` as soon as a packet header announces more
 * than `max` bytes, before the parser has buffered more than the chunk that carried it.
 */
export function watchPacketSizes(socket: Duplex, max: number, onOversize: (announced: number) => void): void {
  // Bytes of the current packet's body still to skip, and how much of its header was read.
  let skip = 0;
  let headerBytes = 0;
  let length = 0;
  let multiplier = 1;
  let tripped = false;
  socket.on("data", (chunk: Buffer) => {
    let i = 0;
    while (i < chunk.length && !tripped) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length - i);
        skip -= n;
        i += n;
        continue;
      }
      const byte = chunk[i++];
      if (headerBytes === 0) {
        headerBytes = 1;
        length = 0;
        multiplier = 1;
        continue;
      }
      length += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      headerBytes += 1;
      if (byte & 0x80 && headerBytes <= 4) continue;
      headerBytes = 0;
      if (length > max) {
        tripped = true;
        onOversize(length);
        return;
      }
      skip = length;
    }
  });
}
