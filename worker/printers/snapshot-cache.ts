/**
 * The worker's camera cache: one frame per printer is fetched at most every `ttlMs`,
 * and requests arriving while a fetch runs share it. Camera connections are expensive
 * for the printer (Bambu allows very few), so many viewers must cost one.
 */
export class SnapshotCache {
  private entry: { at: number; frame: Promise<Buffer | null> } | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(fetch: () => Promise<Buffer | null>): Promise<Buffer | null> {
    const now = this.now();
    if (this.entry && now - this.entry.at < this.ttlMs) return this.entry.frame;
    const entry = { at: now, frame: fetch() };
    this.entry = entry;
    // Fresh from when the frame arrived, not from when it was asked for.
    entry.frame.then(
      () => {
        entry.at = this.now();
      },
      () => {
        if (this.entry === entry) this.entry = null;
      },
    );
    return entry.frame;
  }
}
