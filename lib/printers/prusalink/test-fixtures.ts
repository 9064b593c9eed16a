import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Test helper: the recorded PrusaLink payloads in /work/shared/fixtures/prusalink. */
export const fixtureDir = process.env.PRUSALINK_FIXTURES ?? "/work/shared/fixtures/prusalink";

export function fixtureNames(): string[] {
  return readdirSync(fixtureDir)
    .filter((f) => f.endsWith(".json") || f.endsWith(".raw.txt"))
    .sort();
}

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(path.join(fixtureDir, name), "utf8"));
}

export function fixtureText(name: string): string {
  return readFileSync(path.join(fixtureDir, name), "utf8");
}
