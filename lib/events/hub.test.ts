import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerEventSchemas } from "@/lib/worker/events";
import { useTempDatabase } from "@/testing/db/temp-database";
import { appendEvent } from "./append";
import { EventHub } from "./hub";
import type { StreamEvent } from "./stream-event";

let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
});
afterAll(() => cleanup());

const beat = (n: number) => ({ holder: `h${n}`, at: new Date().toISOString(), startedAt: new Date().toISOString() });
const POLL_NEVER = 10 * 60_000;

function received(hub: EventHub) {
  const events: StreamEvent[] = [];
  const arrived = (count: number) =>
    new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (events.length >= count) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
  return { events, subscribed: hub.subscribe((batch) => events.push(...batch)), arrived };
}

describe("EventHub", () => {
  it("reads new events when the database wakes it, without waiting for its poll", async () => {
    // The database's own wake-up: the WAL file on SQLite, LISTEN/NOTIFY on PostgreSQL.
    const hub = new EventHub({ intervalMs: POLL_NEVER });
    const { events, subscribed, arrived } = received(hub);
    const unsubscribe = await subscribed;
    await new Promise((r) => setTimeout(r, 200));
    const id = await appendEvent(workerEventSchemas, "worker.heartbeat", beat(1));
    await arrived(1);
    unsubscribe();
    expect(events.map((e) => e.id)).toEqual([id]);
    expect(hub.counters.wakes).toBeGreaterThan(0);
  }, 30_000);

  it("reads once more after a wake-up that came during a read, so nothing waits for the poll", async () => {
    let wake = (): void => undefined;
    const hub = new EventHub({ intervalMs: POLL_NEVER, wake: (w) => ((wake = w), () => undefined) });
    const { events, subscribed, arrived } = received(hub);
    const unsubscribe = await subscribed;
    const first = await appendEvent(workerEventSchemas, "worker.heartbeat", beat(2));
    wake();
    // The read started by the first wake-up is still running when the second event lands.
    const second = await appendEvent(workerEventSchemas, "worker.heartbeat", beat(3));
    wake();
    await arrived(2);
    unsubscribe();
    expect(events.map((e) => e.id)).toEqual([first, second]);
  }, 30_000);

  it("keeps the newest events in memory for replay, and says when memory does not reach back", async () => {
    const ids: number[] = [];
    for (let i = 10; i < 16; i++) ids.push(await appendEvent(workerEventSchemas, "worker.heartbeat", beat(i)));
    const hub = new EventHub({ intervalMs: 20, recent: 4, wake: null });
    const unsubscribe = await hub.subscribe(() => undefined);
    expect(hub.replayAfter(ids[2])?.map((e) => e.id)).toEqual(ids.slice(3));
    expect(hub.replayAfter(ids[1])).toBeNull();
    const later = await appendEvent(workerEventSchemas, "worker.heartbeat", beat(20));
    while (hub.position < later) await new Promise((r) => setTimeout(r, 10));
    // The oldest fell out: memory now reaches back to just after ids[2].
    expect(hub.replayAfter(ids[1])).toBeNull();
    expect(hub.replayAfter(ids[2])?.map((e) => e.id)).toEqual([ids[3], ids[4], ids[5], later]);
    unsubscribe();
  }, 30_000);
});
