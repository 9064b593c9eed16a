/** For tests only: multipart/form-data bodies as browsers send them, built as streams. */

export const BOUNDARY = "----printernizer-test-boundary-7MA4YWxkTrZu0gW";
export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

export interface Part {
  field?: string;
  fileName: string;
  data: Uint8Array | AsyncIterable<Uint8Array>;
}

function head(part: Part): Uint8Array {
  const name = part.fileName.replace(/"/g, "%22");
  return new TextEncoder().encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.field ?? "file"}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
}

/** The whole body's chunks, in order; a part's data may itself be a stream. */
export async function* multipartChunks(parts: Part[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    yield head(part);
    if (part.data instanceof Uint8Array) yield part.data;
    else yield* part.data;
    yield new TextEncoder().encode("\r\n");
  }
  yield new TextEncoder().encode(`--${BOUNDARY}--\r\n`);
}

/** A pull stream over `chunks`: the next chunk is made only when the reader asks for it; an error in them errors the stream. */
export function streamOf(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

export function multipartStream(parts: Part[]): ReadableStream<Uint8Array> {
  return streamOf(multipartChunks(parts));
}

/** Byte length of a body whose parts are all buffers (for Content-Length). */
export function multipartLength(parts: { fileName: string; field?: string; data: Uint8Array }[]): number {
  return parts.reduce((sum, part) => sum + head(part).length + part.data.length + 2, 0) + `--${BOUNDARY}--\r\n`.length;
}

/** 1 MiB of plain G-code moves. */
function gcodeBlock(): Uint8Array {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 1024 * 1024; i++) {
    const line = `G1 X${(i * 7) % 180}.${i % 10} Y${(i * 13) % 180}.${i % 7} E0.0${i % 9}\n`;
    lines.push(line);
    size += line.length;
  }
  return new TextEncoder().encode(lines.join("")).subarray(0, 1024 * 1024);
}

/** `total` bytes of G-code text in 1 MiB chunks, never all in memory; calls `onChunk` with each. */
export async function* gcodeBytes(total: number, onChunk: (chunk: Uint8Array) => void = () => undefined): AsyncGenerator<Uint8Array> {
  const block = gcodeBlock();
  for (let sent = 0; sent < total; sent += block.length) {
    const chunk = block.subarray(0, Math.min(block.length, total - sent));
    onChunk(chunk);
    yield chunk;
  }
}
