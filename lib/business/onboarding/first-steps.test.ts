import { describe, expect, it } from "vitest";
import { firstStepKeys, firstSteps, type FirstStepFacts } from "./first-steps";

const nothing: FirstStepFacts = {
  businessDetailsComplete: false,
  impressumSaved: false,
  datenschutzSaved: false,
  printers: 0,
  rates: 0,
  notificationsRouted: false,
  backupSucceeded: false,
};

const doneKeys = (facts: FirstStepFacts) => firstSteps(facts).filter((s) => s.done).map((s) => s.key);

describe("firstSteps", () => {
  it("lists every step in order, none done on a fresh install", () => {
    const steps = firstSteps(nothing);
    expect(steps.map((s) => s.key)).toEqual([...firstStepKeys]);
    expect(doneKeys(nothing)).toEqual([]);
  });

  it("derives each step from its data", () => {
    expect(doneKeys({ ...nothing, printers: 1 })).toEqual(["printer"]);
    expect(doneKeys({ ...nothing, rates: 2 })).toEqual(["prices"]);
    expect(doneKeys({ ...nothing, backupSucceeded: true })).toEqual(["backups"]);
    expect(doneKeys({ ...nothing, notificationsRouted: true })).toEqual(["notifications"]);
    expect(doneKeys({ ...nothing, businessDetailsComplete: true })).toEqual(["business"]);
  });

  it("needs both legal texts saved before the legal step is done", () => {
    expect(doneKeys({ ...nothing, impressumSaved: true })).toEqual([]);
    expect(doneKeys({ ...nothing, impressumSaved: true, datenschutzSaved: true })).toEqual(["legal"]);
  });

  it("links each step to the page where it is done", () => {
    const href = Object.fromEntries(firstSteps(nothing).map((s) => [s.key, s.href]));
    expect(href.printer).toBe("/printers/new");
    expect(href.legal).toBe("/settings/business#legal");
  });
});
