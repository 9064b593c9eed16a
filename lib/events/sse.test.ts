import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTempDatabase } from "@/testing/db/temp-database";
import { appendEvent } from "./append";
import { eventHub } from "./hub";
import * as read from "./read";
import { eventStream, openStreamCount, parseLastEventId, sseLimits, streamCapacityLeft } from "./sse";
import type { StreamEvent } from "./stream-event";
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

  it("filters and serialises each event once per kind of viewer, not once per stream", async () => {
    const abort = new AbortController();
    const viewed: number[] = [];
    const view = (event: StreamEvent) => {
      viewed.push(event.id);
      return event;
    };
    const streams = Array.from({ length: 30 }, (_, i) =>
      collect(eventStream({ lastEventId: null, signal: abort.signal, owner: `fan-${i}`, view, viewKey: i < 20 ? "operator" : "viewer" }), 2),
    );
    await new Promise((r) => setTimeout(r, 100));
    const stringify = vi.spyOn(JSON, "stringify");
    const ids = [await appendEvent(workerEventSchemas, "worker.heartbeat", beat(400)), await appendEvent(workerEventSchemas, "worker.heartbeat", beat(401))];
    const all = await Promise.all(streams);
    const framesMade = stringify.mock.calls.filter(([value]) => typeof value === "object" && value !== null && ids.includes((value as { id?: number }).id ?? -1)).length;
    stringify.mockRestore();
    abort.abort();
    for (const events of all) expect(events.map((e) => e.holder)).toEqual(["h400", "h401"]);
    // Two events, two kinds of viewer: four views and four frames for thirty streams.
    expect(viewed.filter((id) => ids.includes(id))).toHaveLength(4);
    expect(framesMade).toBe(4);
  });

  it("replays a reconnecting stream from the hub's memory without reading the database", async () => {
    const keepHubRunning = new AbortController();
    const holder = collect(eventStream({ lastEventId: null, signal: keepHubRunning.signal, owner: "holder" }), 1_000);
    await new Promise((r) => setTimeout(r, 100));
    const ids: number[] = [];
    for (let i = 500; i < 510; i++) ids.push(await appendEvent(workerEventSchemas, "worker.heartbeat", beat(i)));
    while (eventHub().position < ids[9]) await new Promise((r) => setTimeout(r, 20));
    const reads = vi.spyOn(read, "readEventsAfter");
    const abort = new AbortController();
    const replays = await Promise.all(
      Array.from({ length: 50 }, (_, i) => collect(eventStream({ lastEventId: ids[1], signal: abort.signal, owner: `back-${i}` }), 8)),
    );
    const databaseReplays = reads.mock.calls.filter(([afterId]) => afterId === ids[1]).length;
    reads.mockRestore();
    abort.abort();
    keepHubRunning.abort();
    await holder.catch(() => undefined);
    for (const events of replays) expect(events.map((e) => e.id)).toEqual(ids.slice(2));
    expect(databaseReplays).toBe(0);
  });

  it("refuses streams beyond the process's cap, counting streams still opening", () => {
    expect(sseLimits({}).perProcess).toBe(2000);
    expect(sseLimits({ PRINTERNIZER_STREAMS_PER_PROCESS: "3" }).perProcess).toBe(3);
    const limits = { ...sseLimits({}), perProcess: openStreamCount() + 2 };
    const abort = new AbortController();
    eventStream({ lastEventId: null, signal: abort.signal, owner: "cap-1" });
    expect(streamCapacityLeft(limits)).toBe(true);
    eventStream({ lastEventId: null, signal: abort.signal, owner: "cap-2" });
    expect(streamCapacityLeft(limits)).toBe(false);
    abort.abort();
    expect(streamCapacityLeft(limits)).toBe(true);
  });

  it("rejects malformed Last-Event-ID values", () => {
    expect(parseLastEventId("12", null)).toBe(12);
    expect(parseLastEventId(null, "7")).toBe(7);
    expect(parseLastEventId("abc", null)).toBeNull();
    expect(parseLastEventId("-3", null)).toBeNull();
    expect(parseLastEventId(null, null)).toBeNull();
  });
});
