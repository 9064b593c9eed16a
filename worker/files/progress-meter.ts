/**
 * Throttles progress reports and measures speed over the interval between them:
 * `sample()` returns a reading at most once per `intervalMs`.
 */
export class ProgressMeter {
  private lastAt: number;
  private lastSeen: number;
  speed: number | null = null;

  constructor(
    private readonly intervalMs: number,
    startBytes: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastAt = now();
    this.lastSeen = startBytes;
  }

  lastBytes(): number {
    return this.lastSeen;
  }

  sample(bytes: number): { bytes: number; speed: number | null } | null {
    const at = this.now();
    const elapsed = at - this.lastAt;
    if (elapsed < this.intervalMs) return null;
    this.speed = bytes >= this.lastSeen ? Math.round(((bytes - this.lastSeen) * 1000) / elapsed) : this.speed;
    this.lastAt = at;
    this.lastSeen = bytes;
    return { bytes, speed: this.speed };
  }
}
