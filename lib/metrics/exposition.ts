/** One sample of the Prometheus text format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** Metric family name → its TYPE line's type. */
  types: Map<string, string>;
  samples: Sample[];
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * A strict reader of the Prometheus text exposition format (v0.0.4; NaN in any case, as
 * Prometheus itself reads it), for tests and the
 * ops bench: any line it does not understand is an error, so a broken scrape fails loudly.
 */
export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    if (line === "" || line.startsWith("# HELP ")) continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1], type[2]);
      continue;
    }
    const match = sampleLine.exec(line);
    const value = match ? Number(match[3].replace(/^\+Inf$/, "Infinity").replace(/^-Inf$/, "-Infinity")) : NaN;
    if (!match || (Number.isNaN(value) && !/^nan$/i.test(match[3]))) throw new Error(`line ${index + 1} is not valid exposition: ${line}`);
    const labels: Record<string, string> = {};
    const rest = (match[2] ?? "").replace(labelPair, (_, key: string, raw: string) => {
      labels[key] = raw.replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
      return "";
    });
    if (rest.replace(/[,\s]/g, "") !== "") throw new Error(`line ${index + 1} has malformed labels: ${line}`);
    samples.push({ name: match[1], labels, value });
  }
  return { types, samples };
}

/** The family a sample belongs to (histogram and summary samples carry suffixes). */
export function familyOf(sampleName: string, types: Map<string, string>): string {
  for (const suffix of ["_bucket", "_sum", "_count"]) {
    const base = sampleName.slice(0, -suffix.length);
    if (sampleName.endsWith(suffix) && types.has(base)) return base;
  }
  return sampleName;
}
