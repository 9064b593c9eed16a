import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureDir } from "@/test/fixtures";
import type { PrusaLinkSimulator } from "./index";
import { startPrusaLinkSimulator } from "./index";
import { shapeDifferences } from "./shape";

type Phase = "idle" | "printing";
interface Case {
  flavour: "buddy" | "pi";
  phase: Phase;
  path: string;
}

/** Every captured PrusaLink payload and the request (in which printer state) that answers it. */
const cases: Record<string, Case> = {
  "buddy-version.json": { flavour: "buddy", phase: "idle", path: "/api/version" },
  "buddy-v1-info.json": { flavour: "buddy", phase: "idle", path: "/api/v1/info" },
  "ha-buddy-v1-info-xl.json": { flavour: "buddy", phase: "idle", path: "/api/v1/info" },
  "buddy-v1-storage.json": { flavour: "buddy", phase: "idle", path: "/api/v1/storage" },
  "buddy-v1-status.json": { flavour: "buddy", phase: "idle", path: "/api/v1/status" },
  "ha-buddy-v1-status-idle.json": { flavour: "buddy", phase: "idle", path: "/api/v1/status" },
  "link-sync-v1-status-idle.json": { flavour: "buddy", phase: "idle", path: "/api/v1/status" },
  "buddy-v1-status-printing-issue1001.json": { flavour: "buddy", phase: "printing", path: "/api/v1/status" },
  "coreone-v1-status-printing.json": { flavour: "buddy", phase: "printing", path: "/api/v1/status" },
  "ha-buddy-v1-status-printing.json": { flavour: "buddy", phase: "printing", path: "/api/v1/status" },
  "buddy-v1-job.json": { flavour: "buddy", phase: "printing", path: "/api/v1/job" },
  "ha-buddy-v1-job-printing.json": { flavour: "buddy", phase: "printing", path: "/api/v1/job" },
  "buddy-v1-files-usb-listing.json": { flavour: "buddy", phase: "idle", path: "/api/v1/files/usb" },
  "buddy-printer.json": { flavour: "buddy", phase: "idle", path: "/api/printer" },
  "buddy-job.json": { flavour: "buddy", phase: "printing", path: "/api/job" },
  "buddy-files.json": { flavour: "buddy", phase: "idle", path: "/api/files" },
  "pi-version.json": { flavour: "pi", phase: "idle", path: "/api/version" },
  "pi-v1-info.json": { flavour: "pi", phase: "idle", path: "/api/v1/info" },
  "pi-v1-storage.json": { flavour: "pi", phase: "idle", path: "/api/v1/storage" },
  "pi-v1-cameras.json": { flavour: "pi", phase: "idle", path: "/api/v1/cameras" },
  "pi-files.json": { flavour: "pi", phase: "idle", path: "/api/files" },
  "pi-v1-status.json": { flavour: "pi", phase: "printing", path: "/api/v1/status" },
  "pi-v1-job.json": { flavour: "pi", phase: "printing", path: "/api/v1/job" },
  "pi-printer.json": { flavour: "pi", phase: "printing", path: "/api/printer" },
  "pi-job.json": { flavour: "pi", phase: "printing", path: "/api/job" },
};

const capturedDir = fixtureDir("prusalink");

describe("simulator responses have the shape of the captured payloads", () => {
  const sims = new Map<string, PrusaLinkSimulator>();
  const key = (flavour: string, phase: Phase) => `${flavour}/${phase}`;

  beforeAll(async () => {
    for (const flavour of ["buddy", "pi"] as const) {
      for (const phase of ["idle", "printing"] as const) {
        const sim = await startPrusaLinkSimulator({ flavour, printSeconds: 3600 });
        if (phase === "printing") {
          const [first] = await sim.printFiles();
          await sim.startPrint(first ?? "");
        }
        sims.set(key(flavour, phase), sim);
      }
    }
  });
  afterAll(async () => {
    await Promise.all([...sims.values()].map((s) => s.close()));
  });

  it("has a case for every captured Buddy and Pi payload", () => {
    const captured = readdirSync(capturedDir).filter((f) => f.endsWith(".json"));
    expect(captured.sort()).toEqual(Object.keys(cases).sort());
  });

  it.each(Object.entries(cases))("%s", async (file, c) => {
    const sim = sims.get(key(c.flavour, c.phase));
    if (!sim) throw new Error("simulator missing");
    const response = await fetch(`${sim.url}${c.path}`, { headers: { "X-Api-Key": sim.apiKey } });
    expect(response.status).toBe(200);
    const captured: unknown = JSON.parse(readFileSync(path.join(capturedDir, file), "utf8"));
    expect(shapeDifferences(captured, await response.json())).toEqual([]);
  });
});
