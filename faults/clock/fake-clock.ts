/**
 * A clock the DST probe moves by hand: `now()` (the wall clock) for the code under test,
 * and setTimeout/clearTimeout replaced by timers that fire as elapsed time passes them.
 * `jump()` moves the wall clock alone, as a host clock corrected by NTP or set from a
 * local-time RTC does; timers, like Node's, run on elapsed time and do not notice.
 */
export interface FakeClock {
  now(): Date;
  /** Lets `ms` pass, firing each due timer at its own time. */
  advance(ms: number): Promise<void>;
  /** Moves the wall clock by `ms` (negative: back) without time passing. */
  jump(ms: number): void;
  uninstall(): void;
}

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export function installFakeClock(start: Date): FakeClock {
  let now = 0;
  let wall = start.getTime();
  let nextId = 1;
  const timers = new Map<number, Timer>();
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const handle = (id: number) => ({ id, unref: () => handle(id), ref: () => handle(id), hasRef: () => false, [Symbol.toPrimitive]: () => id });
  const fakeSet = (fn: () => void, ms = 0) => {
    const id = nextId++;
    timers.set(id, { id, at: now + Math.max(0, ms), fn });
    return handle(id);
  };
  const fakeClear = (timer: unknown) => {
    if (timer && typeof timer === "object" && "id" in timer) timers.delete((timer as { id: number }).id);
  };
  globalThis.setTimeout = fakeSet as unknown as typeof setTimeout;
  globalThis.clearTimeout = fakeClear as unknown as typeof clearTimeout;
  // Lets promise chains started by a timer (the service's run, its finally) settle.
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

  async function runDue(): Promise<void> {
    for (;;) {
      const due = [...timers.values()].filter((t) => t.at <= now).sort((a, b) => a.at - b.at)[0];
      if (!due) return;
      timers.delete(due.id);
      due.fn();
      for (let i = 0; i < 5; i++) await settle();
    }
  }

  return {
    now: () => new Date(wall + now),
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = [...timers.values()].reduce((min, t) => Math.min(min, t.at), Infinity);
        if (next > end) break;
        now = Math.max(now, next);
        await runDue();
      }
      now = end;
      await runDue();
    },
    jump(ms) {
      wall += ms;
    },
    uninstall() {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}
