import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fixtureDir } from "@/test/fixtures";

/** Test helper: the recorded PrusaLink payloads in test/fixtures/prusalink. */
const dir = fixtureDir("prusalink");

export function fixtureNames(): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") || f.endsWith(".raw.txt"))
    .sort();
}

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(path.join(dir, name), "utf8"));
}

export function fixtureText(name: string): string {
  return readFileSync(path.join(dir, name), "utf8");
}
