import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTempDatabase } from "@/testing/db/temp-database";
import { appendEvent } from "./append";
import { eventStream, parseLastEventId } from "./sse";
import { workerEventSchemas } from "@/lib/worker/events";

let cleanup: () => Promise<void>;

beforeAll(async () => {
  process.env.PRINTERNIZER_EVENT_POLL_MS = "20";
  ({ cleanup } = await useTempDatabase());
});

afterAll(async () => {
  await cleanup();
});

const beat = (n: number) => ({ holder: `h${n}`, at: new Date().toISOString(), startedAt: new Date().toISOString() });

/** Reads SSE frames from a stream until `count` events have arrived. */
async function collect(stream: ReadableStream<Uint8Array>, count: number): Promise<{ id: number; holder: string }[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const events: { id: number; holder: string }[] = [];
  let buffer = "";
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let idx: number;
    while ((idx = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      const id = /^id: (\d+)$/m.exec(block);
      const data = /^data: (.*)$/m.exec(block);
      if (id && data) {
        const parsed = JSON.parse(data[1]) as { id: number; payload: { holder: string } };
        expect(parsed.id).toBe(Number(id[1]));
        events.push({ id: parsed.id, holder: parsed.payload.holder });
      }
    }
  }
  await reader.cancel();
  return events;
}

describe("event stream", () => {
  it("replays everything after Last-Event-ID, then continues live, without gap or duplicate", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await appendEvent(workerEventSchemas, "worker.heartbeat", beat(i)));

    const abort = new AbortController();
    const stream = eventStream({ lastEventId: ids[1], signal: abort.signal, owner: "user-1" });
    const reading = collect(stream, 8);
    // Appended while the stream is catching up and after: all must arrive once, in order.
    for (let i = 5; i < 10; i++) ids.push(await appendEvent(workerEventSchemas, "worker.heartbeat", beat(i)));
    const received = await reading;
    abort.abort();

    expect(received.map((e) => e.id)).toEqual(ids.slice(2));
    expect(received.map((e) => e.holder)).toEqual(["h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9"]);
  });

  it("starts with new events only when the client has no Last-Event-ID", async () => {
    await appendEvent(workerEventSchemas, "worker.heartbeat", beat(100));
    const abort = new AbortController();
    const stream = eventStream({ lastEventId: null, signal: abort.signal, owner: "user-1" });
    const reading = collect(stream, 1);
    await new Promise((r) => setTimeout(r, 100));
    await appendEvent(workerEventSchemas, "worker.heartbeat", beat(101));
    const [first] = await reading;
    abort.abort();
    expect(first.holder).toBe("h101");
  });

  it("fans out to many streams from one tail loop", async () => {
    const abort = new AbortController();
    const streams = Array.from({ length: 20 }, () => collect(eventStream({ lastEventId: null, signal: abort.signal, owner: "user-1" }), 3));
    await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 3; i++) await appendEvent(workerEventSchemas, "worker.heartbeat", beat(200 + i));
    const all = await Promise.all(streams);
    abort.abort();
    for (const events of all) expect(events.map((e) => e.holder)).toEqual(["h200", "h201", "h202"]);
  });

  it("sends each event as the caller's view makes it, and skips what the view hides", async () => {
    const ids: number[] = [];
    for (let i = 300; i < 304; i++) ids.push(await appendEvent(workerEventSchemas, "worker.heartbeat", beat(i)));
    const abort = new AbortController();
    const view = (event: { id: number; payload: unknown }) =>
      event.id === ids[1] ? null : { ...event, type: "worker.heartbeat", printerId: null, createdAt: "", payload: { holder: `seen-${event.id}` } };
    const received = await collect(eventStream({ lastEventId: ids[0] - 1, signal: abort.signal, owner: "viewer-1", view }), 3);
    abort.abort();
    expect(received.map((e) => e.holder)).toEqual([`seen-${ids[0]}`, `seen-${ids[2]}`, `seen-${ids[3]}`]);
  });

  it("rejects malformed Last-Event-ID values", () => {
    expect(parseLastEventId("12", null)).toBe(12);
    expect(parseLastEventId(null, "7")).toBe(7);
    expect(parseLastEventId("abc", null)).toBeNull();
    expect(parseLastEventId("-3", null)).toBeNull();
    expect(parseLastEventId(null, null)).toBeNull();
  });
});
