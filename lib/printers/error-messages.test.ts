import { describe, expect, it } from "vitest";
import deMessages from "@/messages/de/printerErrors.json";
import enMessages from "@/messages/en/printerErrors.json";
import { bambuErrorMessageKeys, failureKeys as bambuFailureKeys } from "./bambu";
import { failureKeys as prusaFailureKeys } from "./prusalink";
import { printerStateTable } from "./prusalink/mapping";

/** Every message key a driver or the worker can produce has a German and an English text. */

function leaves(node: unknown, prefix = ""): string[] {
  if (typeof node === "string") return [prefix];
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

const produced = [
  ...Object.values(bambuFailureKeys),
  ...bambuErrorMessageKeys,
  ...Object.values(prusaFailureKeys),
  ...Object.values(printerStateTable).flatMap((rule) => (rule.error ? [rule.error.messageKey] : [])),
  "command.notConnected",
  "command.printerBusy",
  "command.timeout",
  "command.failed",
  "command.missingCredentials",
  "job.interrupted",
  "job.printer_removed",
].filter((key): key is string => key !== null);

describe("printerErrors messages", () => {
  it("have the same keys in German and English", () => {
    expect(leaves(deMessages).sort()).toEqual(leaves(enMessages).sort());
  });

  it("cover every key the drivers and the worker produce", () => {
    const known = new Set(leaves(deMessages));
    expect(produced.filter((key) => !known.has(key))).toEqual([]);
  });
});
