/** The one upload a printer accepts at a time, as /api/v1/status and /api/v1/transfer show it. */
export interface TransferStatus {
  id: number;
  displayName: string;
  path: string;
  size: number;
  transferred: number;
  startedAt: number;
  toPrint: boolean;
}

export class TransferTracker {
  private current: TransferStatus | null = null;
  private nextId = 1000 + Math.floor(Math.random() * 9000);

  begin(info: Omit<TransferStatus, "id" | "transferred" | "startedAt">): TransferStatus | null {
    if (this.current) return null;
    this.current = { ...info, id: this.nextId++, transferred: 0, startedAt: Date.now() };
    return this.current;
  }

  progress(transfer: TransferStatus, bytes: number): void {
    transfer.transferred += bytes;
  }

  end(transfer: TransferStatus): void {
    if (this.current === transfer) this.current = null;
  }

  status(): TransferStatus | null {
    return this.current;
  }
}

export function progressOf(t: TransferStatus): number {
  return t.size > 0 ? Math.min(100, (t.transferred / t.size) * 100) : 0;
}
