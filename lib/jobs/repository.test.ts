import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { jobListQuerySchema } from "./schemas";
import { listJobs } from "./repository";

let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  const printer = await db.printer.create({
    data: { name: "A1", kind: "bambu", host: "127.0.0.1", model: "A1", credentials: "{}" },
  });
  const base = Date.parse("2026-11-20T10:00:00Z");
  const rows = [
    { name: "Bracket", durationSeconds: 300, businessUse: true },
    { name: "Anchor", durationSeconds: 900, businessUse: false },
    { name: "Clip", durationSeconds: 60, businessUse: true },
  ];
  for (const [i, row] of rows.entries()) {
    await db.job.create({
      data: { ...row, printerId: printer.id, status: "finished", startedAt: new Date(base + i * 3_600_000) },
    });
  }
});

afterAll(async () => {
  await cleanup();
});

const names = async (query: Record<string, string>) =>
  (await listJobs(jobListQuerySchema.parse(query))).jobs.map((j) => j.name);

describe("job history on the server", () => {
  it("lists newest first by default", async () => {
    expect(await names({})).toEqual(["Clip", "Anchor", "Bracket"]);
  });

  it("sorts by a column in either order", async () => {
    expect(await names({ sort: "name", order: "asc" })).toEqual(["Anchor", "Bracket", "Clip"]);
    expect(await names({ sort: "durationSeconds", order: "desc" })).toEqual(["Anchor", "Bracket", "Clip"]);
  });

  it("filters business and private jobs", async () => {
    expect(await names({ use: "private" })).toEqual(["Anchor"]);
    expect(await names({ use: "business", sort: "startedAt", order: "asc" })).toEqual(["Bracket", "Clip"]);
  });

  it("refuses an unknown sort column", () => {
    expect(jobListQuerySchema.safeParse({ sort: "credentials" }).success).toBe(false);
  });
});
