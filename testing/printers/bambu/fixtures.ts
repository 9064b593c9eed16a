import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fixtureDir } from "@/test/fixtures";
import type { BambuModel } from "@/lib/printers/bambu/models";

/** Recorded payloads shared by the Bambu tests (test-only helper, never imported by the driver). */

const dir = fixtureDir("bambu");

export interface Fixture {
  name: string;
  text: string;
  json: unknown;
  model: BambuModel;
}

function modelOf(name: string): BambuModel {
  if (name.startsWith("a1mini")) return "A1 mini";
  if (name.startsWith("a1")) return "A1";
  if (name.startsWith("p1p")) return "P1P";
  if (name.startsWith("p1s")) return "P1S";
  if (name.startsWith("x1")) return "X1C";
  return "unknown";
}

export function loadFixtures(): Fixture[] {
  const files = [
    ...readdirSync(dir).filter((name) => name.endsWith(".json")),
    ...readdirSync(path.join(dir, "unattributed"))
      .filter((name) => name.endsWith(".json"))
      .map((name) => `unattributed/${name}`),
  ].sort();
  return files.map((name) => {
    const text = readFileSync(path.join(dir, name), "utf8");
    return { name, text, json: JSON.parse(text), model: modelOf(path.basename(name)) };
  });
}

export function fixture(name: string): Fixture {
  const found = loadFixtures().find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
}

/** The JSON lines of the mosquitto_sub-style log (the other lines are client chatter). */
export function sessionLogPayloads(): string[] {
  return readFileSync(path.join(dir, "p1s-session-log.txt"), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"));
}

/**
 * The log's author replaced the IP address and netmask with bare XXXXXX, which is not
 * JSON; p1s-pushall-finish.json records the same line with 0 there. Undo only that.
 */
export function repairRedaction(line: string): string {
  return line.replace(/:X+(?=[,}\]])/g, ":0");
}
