import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The captured printer payloads and slicer files the tests, benches and e2e specs read,
 * resolved inside the checkout so the tests need nothing beside it.
 */
export type FixtureKind = "bambu" | "prusalink" | "files";

const root = path.join(import.meta.dirname, "fixtures");

export function fixtureDir(kind: FixtureKind): string {
  return path.join(root, kind);
}

/** `name` may include a subfolder, e.g. `unattributed/a1-delta-pause-filament-runout.json`. */
export function fixturePath(kind: FixtureKind, name: string): string {
  return path.join(root, kind, name);
}

export function readFixture(kind: FixtureKind, name: string): Buffer {
  return readFileSync(fixturePath(kind, name));
}

export function readFixtureText(kind: FixtureKind, name: string): string {
  return readFileSync(fixturePath(kind, name), "utf8");
}
