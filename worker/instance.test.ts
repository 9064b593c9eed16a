import { describe, expect, it } from "vitest";
import { workerInstance, type InstanceProbe } from "./instance";

const probe = (over: Partial<InstanceProbe> = {}): InstanceProbe => ({
  hostname: "box",
  pid: 200,
  origin: "0123456789ab",
  alive: () => false,
  ...over,
});

describe("worker instance identity", () => {
  it("names host, pid, a nonce and the boot/namespace origin", () => {
    expect(workerInstance(probe()).holder).toMatch(/^box:200:[0-9a-f]{6}:0123456789ab$/);
  });

  it("recognises a gone process of the same host, boot and PID namespace", () => {
    const me = workerInstance(probe());
    expect(me.isDeadPredecessor("box:150:abcdef:0123456789ab")).toBe(true);
    // Our own pid under another nonce: that process is over.
    expect(me.isDeadPredecessor("box:200:abcdef:0123456789ab")).toBe(true);
  });

  it("never judges a live process, another host, another boot or namespace, or an old-style holder", () => {
    const me = workerInstance(probe({ alive: (pid) => pid === 150 }));
    expect(me.isDeadPredecessor("box:150:abcdef:0123456789ab")).toBe(false);
    expect(me.isDeadPredecessor("other:151:abcdef:0123456789ab")).toBe(false);
    expect(me.isDeadPredecessor("box:151:abcdef:ffffffffffff")).toBe(false);
    expect(me.isDeadPredecessor("box:151:abcdef")).toBe(false);
    expect(me.isDeadPredecessor(me.holder)).toBe(false);
  });

  it("judges nothing where the system does not tell its boot and namespace", () => {
    const me = workerInstance(probe({ origin: null }));
    expect(me.holder.endsWith(":-")).toBe(true);
    expect(me.isDeadPredecessor("box:151:abcdef:0123456789ab")).toBe(false);
  });
});
