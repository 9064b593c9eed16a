import { z } from "zod";

/**
 * How a benchmark hands its figures to `npm run bench`: run by hand it prints
 * `label: value unit`; under the runner (FIGURES_ENV set) one marked JSON line per figure.
 * A benchmark that prints only `label: value` lines is collected too (as text).
 */
export const FIGURE_MARKER = "::figure ";
export const FIGURES_ENV = "PRINTERNIZER_BENCH_FIGURES";

export const figureSchema = z.object({
  name: z.string().min(1),
  value: z.union([z.number(), z.string()]),
  unit: z.string().default(""),
});
export type Figure = z.infer<typeof figureSchema>;

/** Prints one figure for people and for the runner (rounded to 3 significant digits). */
export function figure(name: string, value: number | string, unit = ""): void {
  const shown = typeof value === "number" ? (Number.isFinite(value) ? Number(value.toPrecision(3)) : "-") : value;
  if (process.env[FIGURES_ENV] === "json") console.log(`${FIGURE_MARKER}${JSON.stringify({ name, value: shown, unit })}`);
  else console.log(`${name}: ${shown}${unit ? ` ${unit}` : ""}`);
}

const plainLine = /^\s*([^:]{3,100}?):\s+(\S.{0,200})$/;

/** The figures in one benchmark's output: marked lines, else every `label: value` line. */
export function figuresIn(output: string): Figure[] {
  const lines = output.split("\n");
  const marked = lines.filter((line) => line.startsWith(FIGURE_MARKER));
  if (marked.length > 0) {
    return marked.map((line) => {
      const text = line.slice(FIGURE_MARKER.length);
      try {
        return figureSchema.parse(JSON.parse(text));
      } catch {
        return { name: "(unreadable figure)", value: text, unit: "" };
      }
    });
  }
  return lines.flatMap((line) => {
    const match = plainLine.exec(line);
    return match ? [{ name: match[1].trim(), value: match[2].trim(), unit: "" }] : [];
  });
}
