import { createHash, randomBytes } from "node:crypto";
import { readFileSync, readlinkSync } from "node:fs";
import os from "node:os";

/**
 * Who this worker process is, written into the lease row as `host:pid:nonce:origin`.
 * `origin` names the machine boot and the PID namespace the pid belongs to, so a worker
 * restarted on the same host (by the launcher, systemd, a container restart policy that
 * keeps the namespace) can tell that the lease's holder was a process of its own
 * namespace that no longer exists, and take the lease over at once instead of waiting
 * for it to expire. A holder from another host, another boot or another PID namespace
 * (two containers on one host) is never judged: its pid means nothing here.
 */
export interface WorkerInstance {
  readonly holder: string;
  /** True only when `holder` was a process of this boot and PID namespace that is gone. */
  isDeadPredecessor(holder: string): boolean;
}

export interface InstanceProbe {
  hostname: string;
  pid: number;
  /** The boot id and PID namespace, or null where the system does not tell them (not Linux). */
  origin: string | null;
  alive(pid: number): boolean;
}

function readOrigin(): string | null {
  try {
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const namespace = readlinkSync("/proc/self/ns/pid");
    if (!boot || !namespace) return null;
    return createHash("sha256").update(`${boot}\n${namespace}`).digest("hex").slice(0, 12);
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, owned by someone else.
    return (err as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

export function systemProbe(): InstanceProbe {
  return { hostname: os.hostname(), pid: process.pid, origin: readOrigin(), alive: processAlive };
}

const holderPattern = /^(?<host>[^:]+):(?<pid>\d+):(?<nonce>[0-9a-f]+):(?<origin>[0-9a-f]{12})$/;

export function workerInstance(probe: InstanceProbe = systemProbe()): WorkerInstance {
  const holder = `${probe.hostname}:${probe.pid}:${randomBytes(3).toString("hex")}:${probe.origin ?? "-"}`;
  return {
    holder,
    isDeadPredecessor(other) {
      if (other === holder || probe.origin === null) return false;
      const parts = holderPattern.exec(other)?.groups;
      if (!parts || parts.host !== probe.hostname || parts.origin !== probe.origin) return false;
      const pid = Number(parts.pid);
      // Our own pid under another name: that process ended and the pid came back to us.
      return pid === probe.pid || !probe.alive(pid);
    },
  };
}
