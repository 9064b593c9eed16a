import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTempDatabase } from "@/testing/db/temp-database";
import { appendEvent } from "@/lib/events/append";
import { workerEventSchemas } from "@/lib/worker/events";
import { eventStream } from "@/lib/events/sse";
import { parseExposition } from "./exposition";
import { metricsRegistry } from "./registry";

let cleanup: () => Promise<void>;

beforeAll(async () => {
  process.env.PRINTERNIZER_EVENT_POLL_MS = "20";
  ({ cleanup } = await useTempDatabase());
});
afterAll(async () => cleanup());

async function value(name: string): Promise<number | undefined> {
  return parseExposition(await metricsRegistry().metrics()).samples.find((s) => s.name === name)?.value;
}

const beat = () => ({ holder: "h", at: new Date().toISOString(), startedAt: new Date().toISOString() });

describe("SSE instruments", () => {
  it("count open streams, sent events and the lag of live events only", async () => {
    const backlog = await appendEvent(workerEventSchemas, "worker.heartbeat", beat());
    const abort = new AbortController();
    const reader = eventStream({ lastEventId: backlog - 1, signal: abort.signal, owner: "user-1" }).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (frames: number) => {
      while ((text.match(/^id: /gm) ?? []).length < frames) text += decoder.decode((await reader.read()).value);
    };
    await readUntil(1);
    expect(await value("printernizer_sse_clients")).toBe(1);
    expect(await value("printernizer_sse_events_sent_total")).toBe(1);
    expect(await value("printernizer_event_lag_seconds_count")).toBe(0);

    await appendEvent(workerEventSchemas, "worker.heartbeat", beat());
    await readUntil(2);
    expect(await value("printernizer_sse_events_sent_total")).toBe(2);
    expect(await value("printernizer_event_lag_seconds_count")).toBe(1);
    expect(await value("printernizer_event_lag_seconds_sum")).toBeLessThan(10);

    abort.abort();
    await reader.cancel();
    expect(await value("printernizer_sse_clients")).toBe(0);
  });
});
