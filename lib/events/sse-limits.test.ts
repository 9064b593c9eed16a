import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTempDatabase } from "@/testing/db/temp-database";
import { db } from "@/lib/db";
import { eventStream, sseLimits } from "./sse";

let cleanup: () => Promise<void>;
let newest = 0;

beforeAll(async () => {
  process.env.PRINTERNIZER_EVENT_POLL_MS = "20";
  ({ cleanup } = await useTempDatabase());
  const payload = JSON.stringify({ holder: "h", at: new Date().toISOString(), startedAt: new Date().toISOString() });
  for (let i = 0; i < 100_000; i += 10_000) {
    await db.event.createMany({ data: Array.from({ length: 10_000 }, () => ({ type: "worker.heartbeat", payload })) });
  }
  newest = (await db.event.findFirstOrThrow({ orderBy: { id: "desc" } })).id;
}, 60_000);
afterAll(() => cleanup());

/** The stream's frames (blocks between blank lines, without the retry hint) until `until` says stop or the stream ends. */
async function frames(stream: ReadableStream<Uint8Array>, until: (frames: string[]) => boolean): Promise<{ frames: string[]; ended: boolean }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const out: string[] = [];
  let buffer = "";
  for (;;) {
    if (until(out)) {
      await reader.cancel();
      return { frames: out, ended: false };
    }
    const { value, done } = await reader.read();
    if (done) return { frames: out, ended: true };
    buffer += decoder.decode(value, { stream: true });
    let idx: number;
    while ((idx = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      if (!block.startsWith("retry:") && !block.startsWith(":")) out.push(block);
    }
  }
}

describe("event stream limits", () => {
  it("default to 1000 replayed events and 20 streams per user, adjustable", () => {
    expect(sseLimits({})).toEqual({ maxReplay: 1000, perOwner: 20, perProcess: 2000 });
    expect(sseLimits({ PRINTERNIZER_EVENT_REPLAY_MAX: "50", PRINTERNIZER_STREAMS_PER_USER: "3" })).toEqual({ maxReplay: 50, perOwner: 3, perProcess: 2000 });
  });

  it("answers Last-Event-ID 0 on 100,000 events with a resync at the newest id, not a replay", async () => {
    const abort = new AbortController();
    const started = performance.now();
    const { frames: got } = await frames(eventStream({ lastEventId: 0, signal: abort.signal, owner: "replay" }), (f) => f.length >= 1);
    abort.abort();
    expect(got[0]).toBe(`id: ${newest}\nevent: resync\ndata: {}`);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("still replays a gap within the cap", async () => {
    const abort = new AbortController();
    const { frames: got } = await frames(eventStream({ lastEventId: newest - 1000, signal: abort.signal, owner: "replay" }), (f) => f.length >= 1000);
    abort.abort();
    expect(got).toHaveLength(1000);
    expect(got[0].startsWith(`id: ${newest - 999}\n`)).toBe(true);
    expect(got.every((frame) => !frame.includes("event: resync"))).toBe(true);
  });

  it("closes a user's oldest stream when they open the 21st, telling it not to reconnect", async () => {
    const abort = new AbortController();
    const streams = Array.from({ length: 21 }, () => eventStream({ lastEventId: null, signal: abort.signal, owner: "many" }));
    const first = frames(streams[0], () => false);
    const second = frames(streams[1], (f) => f.length > 0);
    const readers = streams.slice(2).map((stream) => stream.getReader());
    await Promise.all(readers.map((reader) => reader.read()));
    const closed = await first;
    expect(closed).toEqual({ frames: ["event: superseded\ndata: {}"], ended: true });
    const other = eventStream({ lastEventId: null, signal: abort.signal, owner: "someone else" }).getReader();
    expect((await other.read()).done).toBe(false);
    abort.abort();
    expect(await second).toEqual({ frames: [], ended: true });
  });
});
