import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as jobRoute from "@/app/api/jobs/[id]/route";
import * as jobsRoute from "@/app/api/jobs/route";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { jobListSchema, jobSchema } from "./schemas";

let cleanup: () => Promise<void>;
let viewer: Record<string, string>;
let a1: string;
let mk4: string;

async function list(query: string) {
  const res = await call(jobsRoute.GET, testRequest("GET", `/api/jobs${query}`, { headers: viewer }));
  return { status: res.status, body: res.status === 200 ? jobListSchema.parse(await res.json()) : null };
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  viewer = await browserHeaders(
    await createUser({ email: "v@example.com", name: "Viewer", password: "viewer password", role: "viewer" }, { actor: { type: "system" } }),
  );
  const printer = (name: string, kind: string) => db.printer.create({ data: { name, kind, host: "127.0.0.1", model: "x", credentials: "{}" } });
  a1 = (await printer("A1", "bambu")).id;
  mk4 = (await printer("MK4", "prusalink")).id;
  const day = (d: number, h = 10) => new Date(Date.UTC(2026, 10, d, h));
  await db.job.createMany({
    data: [
      { printerId: a1, printerJobId: "1", name: "Benchy", fileName: "/cache/benchy.gcode.3mf", status: "finished", startedAt: day(1), endedAt: day(1, 11), durationSeconds: 3600, progress: 100 },
      { printerId: a1, printerJobId: "2", name: "Cube", status: "failed", startedAt: day(2), endedAt: day(2, 11), errorCode: "0x0500C010" },
      { printerId: mk4, printerJobId: "117", name: "Shape-Box", status: "printing", startedAt: day(3), progress: 40 },
      { printerId: mk4, printerJobId: "118", name: "Clip", status: "cancelled", startedAt: day(4), endedAt: day(4, 10) },
    ],
  });
});
afterAll(() => cleanup());

describe("GET /api/jobs", () => {
  it("lists jobs newest first with their printer", async () => {
    const { body } = await list("");
    expect(body?.jobs.map((j) => j.name)).toEqual(["Clip", "Shape-Box", "Cube", "Benchy"]);
    expect(body?.jobs[3]).toMatchObject({ printerName: "A1", status: "finished", durationSeconds: 3600, fileName: "/cache/benchy.gcode.3mf" });
    expect(body?.total).toBe(4);
  });

  it("filters by printer, status and start date, and pages", async () => {
    expect((await list(`?printerId=${mk4}`)).body?.jobs.map((j) => j.name)).toEqual(["Clip", "Shape-Box"]);
    expect((await list("?status=failed")).body?.jobs.map((j) => j.errorCode)).toEqual(["0x0500C010"]);
    expect((await list("?from=2026-11-02&to=2026-11-04")).body?.jobs.map((j) => j.name)).toEqual(["Shape-Box", "Cube"]);
    const page = await list("?page=2&pageSize=3");
    expect(page.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page.body?.jobs.map((j) => j.name)).toEqual(["Benchy"]);
  });

  it("refuses bad filters", async () => {
    expect((await list("?status=done")).status).toBe(422);
    expect((await list("?from=yesterday")).status).toBe(422);
    expect((await list("?pageSize=1000")).status).toBe(422);
  });
});

describe("GET /api/jobs/{id}", () => {
  it("returns one job, 404 for an unknown one", async () => {
    const job = await db.job.findFirstOrThrow({ where: { name: "Shape-Box" } });
    const res = await call(jobRoute.GET, testRequest("GET", `/api/jobs/${job.id}`, { headers: viewer }), { id: job.id });
    expect(jobSchema.parse(await res.json())).toMatchObject({ id: job.id, status: "printing", progress: 40, printerName: "MK4" });
    const missing = await call(jobRoute.GET, testRequest("GET", "/api/jobs/none", { headers: viewer }), { id: "none" });
    expect(missing.status).toBe(404);
  });
});
