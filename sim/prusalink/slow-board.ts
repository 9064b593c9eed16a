import type { SlowBoardSettings } from "./options";
import type { Random } from "./prng";
import { seededRandom } from "./prng";

export type SlowDecision = { action: "drop" } | { action: "error" | "serve"; delayMs: number };

/**
 * An overloaded printer board: every request waits a while, some get 503, some lose the
 * connection without an answer. The same seed gives the same sequence of decisions.
 */
export class SlowBoard {
  private settings: SlowBoardSettings | null = null;
  private random: Random = Math.random;

  constructor(settings: SlowBoardSettings | null) {
    this.set(settings);
  }

  set(settings: SlowBoardSettings | null): void {
    this.settings = settings;
    if (settings) this.random = seededRandom(settings.seed);
  }

  current(): SlowBoardSettings | null {
    return this.settings;
  }

  decide(): SlowDecision {
    const s = this.settings;
    if (!s) return { action: "serve", delayMs: 0 };
    const drop = this.random();
    const error = this.random();
    const jitter = this.random();
    if (drop < s.dropRate) return { action: "drop" };
    const delayMs = s.latencyMs * (0.5 + jitter);
    return { action: error < s.errorRate ? "error" : "serve", delayMs };
  }
}
