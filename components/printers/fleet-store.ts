import type { PrinterView } from "@/lib/printers/schemas";
import type { NormalizedState } from "@/lib/printers/types";

type LiveStatus = NonNullable<PrinterView["live"]>;
type Patch = Partial<Pick<LiveStatus, "online" | "state" | "data" | "lastMessageAt" | "lastError">>;
type Listener = () => void;

const ALL = "*";

function emptyLive(now: string): LiveStatus {
  return { online: false, state: "offline", data: null, lastMessageAt: null, lastError: null, reconnects: 0, updatedAt: now };
}

/**
 * The live printers of a page. Events are queued per printer and applied once per
 * animation frame, and each card subscribes to its own printer only: a burst from 100
 * printers costs one render per changed card per frame, not one per event.
 */
export class FleetStore {
  private printers = new Map<string, PrinterView>();
  private order: string[] = [];
  private listeners = new Map<string, Set<Listener>>();
  private pending = new Map<string, Patch>();
  private frame: number | null = null;
  private version = 0;

  constructor(initial: PrinterView[]) {
    this.replace(initial);
  }

  /** A fresh list from the server (after a printer was added, edited or removed, or a reconnect). */
  replace(list: PrinterView[]): void {
    this.printers = new Map(list.map((p) => [p.id, p]));
    this.order = list.map((p) => p.id);
    for (const [id, patch] of this.pending) this.apply(id, patch);
    this.pending.clear();
    this.version++;
    for (const set of this.listeners.values()) set.forEach((l) => l());
  }

  state(printerId: string, state: NormalizedState, at: string): void {
    this.queue(printerId, { data: state, online: state.online, state: state.state, lastMessageAt: at });
  }

  connection(printerId: string, online: boolean, failureKey: string | null): void {
    this.queue(printerId, online ? { online, lastError: null } : { online, state: "offline", lastError: failureKey });
  }

  /** The bed was confirmed clear or needs clearing: rare, so applied at once. */
  bed(printerId: string, bed: PrinterView["bed"]): void {
    const printer = this.printers.get(printerId);
    if (!printer) return;
    this.printers.set(printerId, { ...printer, bed });
    this.version++;
    this.listeners.get(printerId)?.forEach((l) => l());
    this.listeners.get(ALL)?.forEach((l) => l());
  }

  get(id: string): PrinterView | undefined {
    return this.printers.get(id);
  }

  ids(): string[] {
    return this.order;
  }

  all(): PrinterView[] {
    return this.order.map((id) => this.printers.get(id)).filter((p): p is PrinterView => p !== undefined);
  }

  /** Bumped on every applied change; the summary and filters read it. */
  getVersion = (): number => this.version;

  subscribe(id: string, listener: Listener): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  subscribeAll = (listener: Listener): (() => void) => this.subscribe(ALL, listener);

  dispose(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
  }

  private queue(id: string, patch: Patch): void {
    this.pending.set(id, { ...this.pending.get(id), ...patch });
    if (this.frame === null) this.frame = requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    this.frame = null;
    const changed = [...this.pending];
    this.pending.clear();
    for (const [id, patch] of changed) this.apply(id, patch);
    this.version++;
    for (const [id] of changed) this.listeners.get(id)?.forEach((l) => l());
    this.listeners.get(ALL)?.forEach((l) => l());
  }

  private apply(id: string, patch: Patch): void {
    const printer = this.printers.get(id);
    if (!printer) return;
    const live = printer.live ?? emptyLive(new Date().toISOString());
    this.printers.set(id, { ...printer, live: { ...live, ...patch } });
  }
}
