import type { Logger } from "@/lib/log/logger";

type Listener = (...args: never[]) => unknown;

/**
 * An event map with types (MQTT.js TypedEmitter). Listeners belong to the emitter's
 * owner, who removes them all on stop; every call is guarded so one failing listener
 * cannot break the poll loop or the other listeners.
 */
export class TypedEmitter<Events extends { [K in keyof Events]: Listener }> {
  private readonly listeners = new Map<keyof Events, Set<Listener>>();

  constructor(private readonly log: Logger) {}

  on<E extends keyof Events>(event: E, listener: Events[E]): void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(event, set);
  }

  off<E extends keyof Events>(event: E, listener: Events[E]): void {
    this.listeners.get(event)?.delete(listener);
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        const result = (listener as (...a: Parameters<Events[E]>) => unknown)(...args);
        if (result instanceof Promise) {
          result.catch((err: unknown) => this.log.error({ err, event: String(event) }, "event listener rejected"));
        }
      } catch (err) {
        this.log.error({ err, event: String(event) }, "event listener threw");
      }
    }
  }

  removeAll(): void {
    this.listeners.clear();
  }
}
