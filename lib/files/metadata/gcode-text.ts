import type { ByteSource } from "./byte-source";
import { corrupt } from "./errors";
import { GCODE_HEAD_BYTES, GCODE_TAIL_BYTES } from "./limits";

/**
 * The parts of a text G-code that carry metadata: the head (thumbnails, Bambu's header
 * and config) and the tail (PrusaSlicer's summary and config). The moves in between,
 * which are nearly all of the file, are never read.
 */

export interface GcodeText {
  head: Buffer;
  /** Empty when the head already covers the whole file. */
  tail: Buffer;
}

/** G-code is text: NUL bytes or more than 1% other control characters mean it is not. */
function assertText(bytes: Buffer): void {
  if (bytes.includes(0)) throw corrupt("G-code contains NUL bytes");
  // An indexed loop: a Buffer's iterator costs tens of milliseconds per MiB, which a download waits for.
  let control = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f) control++;
  }
  if (control > bytes.length / 100) throw corrupt("G-code is not text");
}

/**
 * Head and tail cut back to whole lines: a setting cut in half ("layer_height = 0.")
 * would read as a different value.
 */
export async function readGcodeText(source: ByteSource): Promise<GcodeText> {
  if (source.size === 0) throw corrupt("empty G-code");
  if (source.size <= GCODE_HEAD_BYTES + GCODE_TAIL_BYTES) {
    const whole = await source.read(0, source.size);
    assertText(whole);
    return { head: whole, tail: Buffer.alloc(0) };
  }
  const head = await source.read(0, GCODE_HEAD_BYTES);
  const tail = await source.read(source.size - GCODE_TAIL_BYTES, GCODE_TAIL_BYTES);
  assertText(head);
  assertText(tail);
  return {
    head: head.subarray(0, head.lastIndexOf(0x0a) + 1),
    tail: tail.subarray(tail.indexOf(0x0a) + 1),
  };
}
