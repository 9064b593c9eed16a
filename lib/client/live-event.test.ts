import { afterEach, describe, expect, it, vi } from "vitest";
import { parseLiveEvent } from "./live-event";
import { LiveListeners } from "./live-stream";

const envelope = { printerId: "p1", createdAt: "2026-12-07T09:00:00.000Z" };

afterEach(() => vi.restoreAllMocks());

describe("parseLiveEvent", () => {
  it("hands on an event whose payload matches its schema", () => {
    const data = JSON.stringify({ ...envelope, id: 7, type: "worker.heartbeat", payload: { holder: "w1", at: "2026-12-07T09:00:00.000Z", startedAt: "2026-12-07T08:00:00.000Z" } });
    expect(parseLiveEvent(data)).toEqual({ ...envelope, id: 7, type: "worker.heartbeat", payload: { holder: "w1", at: "2026-12-07T09:00:00.000Z", startedAt: "2026-12-07T08:00:00.000Z" } });
  });

  it("drops a payload that does not match and warns once for its type", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const bad = (id: number) => JSON.stringify({ ...envelope, id, type: "printer.connection", payload: { online: "yes" } });
    expect(parseLiveEvent(bad(1))).toBeNull();
    expect(parseLiveEvent(bad(2))).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain("printer.connection");
  });

  it("drops unknown types, missing envelopes and text that is not JSON", () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(parseLiveEvent(JSON.stringify({ ...envelope, id: 3, type: "no.such.event", payload: {} }))).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ type: "files.synced", payload: { added: 1, changed: 0, gone: 0 } }))).toBeNull();
    expect(parseLiveEvent("not json")).toBeNull();
  });
});

describe("LiveListeners", () => {
  it("gives each listener only the events of its type, until it unsubscribes", () => {
    const listeners = new LiveListeners();
    const synced: number[] = [];
    const stop = listeners.subscribe("files.synced", (event) => synced.push(event.payload.added));
    const event = parseLiveEvent(JSON.stringify({ ...envelope, id: 4, type: "files.synced", payload: { added: 2, changed: 0, gone: 0 } }));
    const other = parseLiveEvent(JSON.stringify({ ...envelope, id: 5, type: "alert.resolved", payload: { alertId: "a", type: "printer_offline" } }));
    if (!event || !other) throw new Error("fixture events must parse");
    listeners.dispatch(event);
    listeners.dispatch(other);
    stop();
    listeners.dispatch(event);
    expect(synced).toEqual([2]);
  });
});
