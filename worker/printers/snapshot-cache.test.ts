import { describe, expect, it } from "vitest";
import { SnapshotCache } from "./snapshot-cache";

describe("SnapshotCache", () => {
  it("shares a fetch in flight and the fresh frame, and fetches again after the TTL", async () => {
    let now = 0;
    let fetches = 0;
    const cache = new SnapshotCache(3_000, () => now);
    const fetch = async () => {
      fetches += 1;
      return Buffer.from([fetches]);
    };
    const [a, b] = await Promise.all([cache.get(fetch), cache.get(fetch)]);
    expect(a).toBe(b);
    now = 2_900;
    await cache.get(fetch);
    expect(fetches).toBe(1);
    now = 3_100;
    expect(await cache.get(fetch)).toEqual(Buffer.from([2]));
  });

  it("does not keep a failed fetch", async () => {
    const cache = new SnapshotCache(3_000, () => 0);
    await expect(cache.get(async () => Promise.reject(new Error("camera")))).rejects.toThrow("camera");
    expect(await cache.get(async () => null)).toBeNull();
  });
});
