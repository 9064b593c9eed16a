import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fixture, fixtureNames } from "@/testing/printers/prusalink/fixtures";
import {
  cameraListSchema,
  fileEntrySchema,
  infoSchema,
  jobSchema,
  legacyFilesSchema,
  legacyJobSchema,
  legacyPrinterSchema,
  statusSchema,
  storageListSchema,
  versionSchema,
} from "./schemas";

/** Which endpoint a fixture was captured from, by its name. First match wins. */
const endpointByName: [RegExp, z.ZodType][] = [
  [/-v1-status/, statusSchema],
  [/-v1-job/, jobSchema],
  [/-v1-info/, infoSchema],
  [/-v1-storage/, storageListSchema],
  [/-v1-files/, fileEntrySchema],
  [/-v1-cameras/, cameraListSchema],
  [/-version[.-]/, versionSchema],
  [/-files\.json$/, legacyFilesSchema],
  [/-job\.json$/, legacyJobSchema],
  [/-printer\.json$/, legacyPrinterSchema],
];

function schemaFor(name: string): z.ZodType | undefined {
  return endpointByName.find(([pattern]) => pattern.test(name))?.[1];
}

describe("every recorded PrusaLink payload parses", () => {
  const names = fixtureNames();

  it("finds the fixtures, including Buddy, Pi and Core One captures", () => {
    expect(names.some((n) => n.startsWith("buddy-"))).toBe(true);
    expect(names.some((n) => n.startsWith("pi-"))).toBe(true);
    expect(names.some((n) => n.startsWith("coreone-"))).toBe(true);
  });

  it.each(names)("%s", (name) => {
    const schema = schemaFor(name);
    expect(schema, `no endpoint known for fixture ${name}`).toBeDefined();
    const result = schema?.safeParse(fixture(name));
    expect(result?.success, result?.error?.message).toBe(true);
  });
});

describe("shapes that differ between Buddy and the Pi", () => {
  it("Pi status has an array of storages, Buddy one object", () => {
    const pi = statusSchema.parse(fixture("pi-v1-status.json"));
    const buddy = statusSchema.parse(fixture("buddy-v1-status.json"));
    expect(Array.isArray(pi.storage)).toBe(true);
    expect(Array.isArray(buddy.storage)).toBe(false);
  });

  it("Buddy listings say ro, not read_only, and folders come without children", () => {
    const listing = fileEntrySchema.parse(fixture("buddy-v1-files-usb-listing.json"));
    expect(listing.ro).toBe(false);
    expect(listing.children?.map((c) => [c.name, c.type, c.children ?? null])).toEqual([
      ["BENCHY.GCO", "PRINT_FILE", null],
      ["OTHER", "FOLDER", null],
    ]);
  });

  it("the Pi wraps cameras in camera_list", () => {
    expect(cameraListSchema.parse(fixture("pi-v1-cameras.json"))).toEqual({ camera_list: [] });
  });

  it("legacy Pi files nest folders with children", () => {
    const files = legacyFilesSchema.parse(fixture("pi-files.json"));
    const sd = files.files.find((f) => f.name === "SD Card");
    expect(sd?.children?.find((c) => c.name === "Mk39")?.children?.length).toBeGreaterThan(0);
  });

  it("rejects a status without printer state", () => {
    expect(statusSchema.safeParse({ printer: { temp_bed: 20 } }).success).toBe(false);
    expect(jobSchema.safeParse({ state: "PRINTING" }).success).toBe(false);
    expect(versionSchema.safeParse({ server: "2.1.2" }).success).toBe(false);
  });
});
