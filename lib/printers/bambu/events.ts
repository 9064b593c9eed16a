import type { Logger } from "@/lib/log/logger";
import type { DriverEvents, NormalizedState, PrinterFailure } from "@/lib/printers/types";

/**
 * The driver's typed events. Listeners belong to the bus, so stop() can drop them all,
 * and each call is guarded: a throwing listener is logged and the others still run.
 */
export class DriverEventBus {
  private readonly state = new Set<DriverEvents["state"]>();
  private readonly connection = new Set<DriverEvents["connection"]>();
  private readonly invalidPayload = new Set<DriverEvents["invalidPayload"]>();

  constructor(private readonly log: Logger) {}

  on<E extends keyof DriverEvents>(event: E, listener: DriverEvents[E]): void {
    this.listeners(event).add(listener);
  }

  off<E extends keyof DriverEvents>(event: E, listener: DriverEvents[E]): void {
    this.listeners(event).delete(listener);
  }

  emitState(state: NormalizedState, raw: unknown): void {
    for (const listener of [...this.state]) this.guard("state", () => listener(state, raw));
  }

  emitConnection(online: boolean, failure?: PrinterFailure): void {
    for (const listener of [...this.connection]) this.guard("connection", () => listener(online, failure));
  }

  emitInvalidPayload(reason: string): void {
    for (const listener of [...this.invalidPayload]) this.guard("invalidPayload", () => listener(reason));
  }

  clear(): void {
    this.state.clear();
    this.connection.clear();
    this.invalidPayload.clear();
  }

  listenerCount(): number {
    return this.state.size + this.connection.size + this.invalidPayload.size;
  }

  private listeners<E extends keyof DriverEvents>(event: E): Set<DriverEvents[E]>;
  private listeners(event: keyof DriverEvents): Set<DriverEvents[keyof DriverEvents]> {
    const byEvent: { [K in keyof DriverEvents]: Set<DriverEvents[K]> } = {
      state: this.state,
      connection: this.connection,
      invalidPayload: this.invalidPayload,
    };
    return byEvent[event];
  }

  private guard(event: string, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.log.error({ err: error, event }, "printer event listener threw");
    }
  }
}
