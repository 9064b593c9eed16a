import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as materialRoute from "@/app/api/materials/[id]/route";
import * as materialsRoute from "@/app/api/materials/route";
import * as rateRoute from "@/app/api/reports/rates/[id]/route";
import * as ratesRoute from "@/app/api/reports/rates/route";
import * as spoolRoute from "@/app/api/spools/[id]/route";
import * as spoolsRoute from "@/app/api/spools/route";
import { createUser } from "@/lib/auth/users";
import { berlinDay } from "@/lib/format/date";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { useTempDatabase } from "@/testing/db/temp-database";

/** Dated prices, materials and spools corrected over the API: what may change, and what jobs already used stays. */

let cleanup: () => Promise<void>;
let admin: Record<string, string>;
let viewer: Record<string, string>;

const rateBody = (validFrom: string, electricityCentsPerKwh = "30") => ({
  validFrom,
  electricityCentsPerKwh,
  machineCentsPerHour: "80",
  labourCentsPerHour: "3000",
  printerPowerWatts: 150,
  defaultMarkupBp: 4250,
  vatMode: "standard",
  defaultVatRateBp: 1900,
});

function dayFromToday(days: number): string {
  return berlinDay(new Date(Date.now() + days * 86_400_000));
}

async function addRate(validFrom: string) {
  return call(ratesRoute.POST, testRequest("POST", "/api/reports/rates", { headers: admin, body: rateBody(validFrom) }));
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  admin = await browserHeaders(await createUser({ email: "a@example.com", name: "Admin", password: "admin password", role: "admin" }, { actor: { type: "system" } }));
  viewer = await browserHeaders(await createUser({ email: "v@example.com", name: "Viewer", password: "viewer password", role: "viewer" }, { actor: { type: "system" } }));
});

afterAll(async () => {
  await cleanup();
});

describe("rates: one per day, editable until in force", () => {
  it("refuses a second rate for the same day with 409 rate_date_taken", async () => {
    expect((await addRate("2026-01-01")).status).toBe(201);
    const second = await addRate("2026-01-01");
    expect(second.status).toBe(409);
    expect(await errorCode(second)).toBe("rate_date_taken");
    const list = (await (await call(ratesRoute.GET, testRequest("GET", "/api/reports/rates", { headers: admin }))).json()) as { rates: unknown[] };
    expect(list.rates).toHaveLength(1);
  });

  it("edits and deletes a rate that is not yet in force", async () => {
    const created = (await (await addRate(dayFromToday(30))).json()) as { id: string };
    const edited = await call(
      rateRoute.PATCH,
      testRequest("PATCH", `/api/reports/rates/${created.id}`, { headers: admin, body: rateBody(dayFromToday(31), "34.12") }),
      { id: created.id },
    );
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ electricityCentsPerKwh: "34.12", validFrom: `${dayFromToday(31)}T00:00:00.000Z` });
    const deleted = await call(rateRoute.DELETE, testRequest("DELETE", `/api/reports/rates/${created.id}`, { headers: admin }), { id: created.id });
    expect(deleted.status).toBe(200);
    const again = await call(rateRoute.DELETE, testRequest("DELETE", `/api/reports/rates/${created.id}`, { headers: admin }), { id: created.id });
    expect(again.status).toBe(404);
  });

  it("refuses to edit or delete a rate in force, and to move a future rate into the past or onto a taken day", async () => {
    const inForce = (await (await addRate(dayFromToday(0))).json()) as { id: string };
    const edit = await call(rateRoute.PATCH, testRequest("PATCH", `/api/reports/rates/${inForce.id}`, { headers: admin, body: rateBody(dayFromToday(40)) }), { id: inForce.id });
    expect(edit.status).toBe(409);
    expect(await errorCode(edit)).toBe("rate_in_force");
    const remove = await call(rateRoute.DELETE, testRequest("DELETE", `/api/reports/rates/${inForce.id}`, { headers: admin }), { id: inForce.id });
    expect(await errorCode(remove)).toBe("rate_in_force");

    const future = (await (await addRate(dayFromToday(50))).json()) as { id: string };
    expect((await addRate(dayFromToday(60))).status).toBe(201);
    const intoPast = await call(rateRoute.PATCH, testRequest("PATCH", `/api/reports/rates/${future.id}`, { headers: admin, body: rateBody("2026-02-01") }), { id: future.id });
    expect(await errorCode(intoPast)).toBe("rate_in_force");
    const ontoTaken = await call(rateRoute.PATCH, testRequest("PATCH", `/api/reports/rates/${future.id}`, { headers: admin, body: rateBody(dayFromToday(60)) }), { id: future.id });
    expect(ontoTaken.status).toBe(409);
    expect(await errorCode(ontoTaken)).toBe("rate_date_taken");
  });

  it("lets only those who manage settings change rates", async () => {
    const future = (await (await addRate(dayFromToday(70))).json()) as { id: string };
    const response = await call(rateRoute.DELETE, testRequest("DELETE", `/api/reports/rates/${future.id}`, { headers: viewer }), { id: future.id });
    expect(response.status).toBe(403);
  });
});

describe("materials and spools: edit and archive", () => {
  it("edits a material, archives it and keeps it listed for history", async () => {
    const material = (await (
      await call(materialsRoute.POST, testRequest("POST", "/api/materials", { headers: admin, body: { type: "PLA", brand: "Bambu", color: "Rot", diameterMm: "1.75", pricePerKgCents: 2499 } }))
    ).json()) as { id: string };
    const edited = await call(materialRoute.PATCH, testRequest("PATCH", `/api/materials/${material.id}`, { headers: admin, body: { pricePerKgCents: 2699, diameterMm: "2.85" } }), { id: material.id });
    expect(await edited.json()).toMatchObject({ pricePerKgCents: 2699, diameterMm: "2.85", archived: false });
    const invalid = await call(materialRoute.PATCH, testRequest("PATCH", `/api/materials/${material.id}`, { headers: admin, body: { diameterMm: "1,75" } }), { id: material.id });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { error: { details: { issues: { path: string }[] } } }).error.details.issues[0]?.path).toBe("diameterMm");

    const spool = (await (await call(spoolsRoute.POST, testRequest("POST", "/api/spools", { headers: admin, body: { materialId: material.id, initialGrams: 1000 } }))).json()) as { id: string };
    const archivedSpool = await call(spoolRoute.PATCH, testRequest("PATCH", `/api/spools/${spool.id}`, { headers: admin, body: { archived: true } }), { id: spool.id });
    expect(await archivedSpool.json()).toMatchObject({ archived: true });
    const archived = await call(materialRoute.PATCH, testRequest("PATCH", `/api/materials/${material.id}`, { headers: admin, body: { archived: true } }), { id: material.id });
    expect(await archived.json()).toMatchObject({ archived: true });

    const materials = (await (await call(materialsRoute.GET, testRequest("GET", "/api/materials", { headers: admin }))).json()) as { materials: { id: string; archived: boolean }[] };
    expect(materials.materials.find((m) => m.id === material.id)).toMatchObject({ archived: true });
    const viewerEdit = await call(materialRoute.PATCH, testRequest("PATCH", `/api/materials/${material.id}`, { headers: viewer, body: { archived: false } }), { id: material.id });
    expect(viewerEdit.status).toBe(403);
  });
});
