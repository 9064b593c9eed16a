/**
 * Runs async tasks strictly one after another. The printer's board is small and has
 * been knocked over by concurrent requests, so every request to one printer (polls,
 * commands, file transfers) goes through one of these.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private running = 0;
  private waiting = 0;
  private peak = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.waiting += 1;
    const result = this.tail.then(async () => {
      this.waiting -= 1;
      this.running += 1;
      this.peak = Math.max(this.peak, this.running);
      try {
        return await task();
      } finally {
        this.running -= 1;
      }
    });
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  stats(): { running: number; waiting: number; peak: number } {
    return { running: this.running, waiting: this.waiting, peak: this.peak };
  }
}
