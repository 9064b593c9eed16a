import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PrinterView } from "@/lib/printers/schemas";
import { emptyState } from "@/lib/printers/types";
import { FleetStore } from "./fleet-store";

function printer(id: string): PrinterView {
  return {
    id,
    name: id,
    kind: "bambu",
    host: "127.0.0.1",
    model: "A1",
    serial: "X",
    mqttPort: 8883,
    ftpPort: 990,
    cameraPort: 6000,
    httpPort: null,
    tls: "verify",
    hasCaCert: false,
    location: null,
    enabled: true,
    createdAt: "2026-11-25T10:00:00.000Z",
    updatedAt: "2026-11-25T10:00:00.000Z",
    bed: { state: "clear", since: null, reason: null, autoStart: false },
    live: null,
  };
}

describe("FleetStore", () => {
  let frames: (() => void)[];
  beforeEach(() => {
    frames = [];
    vi.stubGlobal("requestAnimationFrame", (cb: () => void) => frames.push(cb));
    vi.stubGlobal("cancelAnimationFrame", () => undefined);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("applies a burst of events once per frame and wakes only the printers that changed", () => {
    const store = new FleetStore([printer("a"), printer("b")]);
    const a = vi.fn();
    const b = vi.fn();
    const all = vi.fn();
    store.subscribe("a", a);
    store.subscribe("b", b);
    store.subscribeAll(all);
    for (let i = 1; i <= 50; i++) store.state("a", { ...emptyState(), online: true, state: "printing", progress: i }, "2026-11-25T10:00:00Z");
    expect(frames).toHaveLength(1);
    expect(store.get("a")?.live).toBeNull();
    frames[0]();
    expect(store.get("a")?.live?.data?.progress).toBe(50);
    expect(store.get("a")?.live?.state).toBe("printing");
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).not.toHaveBeenCalled();
    expect(all).toHaveBeenCalledTimes(1);
  });

  it("keeps queued live values when a fresh list arrives, and marks a lost connection offline", () => {
    const store = new FleetStore([printer("a")]);
    store.state("a", { ...emptyState(), online: true, state: "paused" }, "2026-11-25T10:00:01Z");
    store.replace([printer("a")]);
    expect(store.get("a")?.live?.state).toBe("paused");
    store.connection("a", false, "bambu.failure.tcp");
    frames.at(-1)?.();
    expect(store.get("a")?.live).toMatchObject({ online: false, state: "offline", lastError: "bambu.failure.tcp" });
  });
});
