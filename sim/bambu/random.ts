/** A small seeded generator so a printer's noise is reproducible from its serial. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [-amplitude, amplitude]. */
  jitter(amplitude: number): number;
  int(minInclusive: number, maxInclusive: number): number;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function seededRandom(seed: string): Random {
  let state = hash(seed) || 1;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    jitter: (amplitude) => (next() * 2 - 1) * amplitude,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}
