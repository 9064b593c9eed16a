import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as printerRoute from "@/app/api/printers/[id]/route";
import * as samplesRoute from "@/app/api/printers/[id]/samples/route";
import * as printersRoute from "@/app/api/printers/route";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { createUser } from "@/lib/auth/users";
import { envelopeKeyId } from "@/lib/crypto/envelope";
import { readPrinterConnection } from "./credentials";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { printerListSchema, printerViewSchema } from "./schemas";

let cleanup: () => Promise<void>;
let admin: Record<string, string>;
let operator: Record<string, string>;
let viewer: Record<string, string>;

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const bambu = {
  name: "A1 links",
  kind: "bambu",
  host: "192.168.1.50",
  serial: "03919a000000001",
  accessCode: "AcC3ss99",
  model: "A1",
  tls: "custom-ca",
  caCert: PEM,
  location: "Werkstatt",
};
const prusa = { name: "Core One", kind: "prusalink", host: "prusa-core-one.local", password: "Pw-Prusa-Secret7", model: "Core One" };

const errorSchema = z.object({ error: z.object({ code: z.string(), details: z.unknown().optional() }) });

async function create(body: object, headers = admin): Promise<Response> {
  return call(printersRoute.POST, testRequest("POST", "/api/printers", { body, headers }));
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  const make = (email: string, role: "admin" | "operator" | "viewer") =>
    createUser({ email, name: role, password: `${role} password long`, role }, { actor: { type: "system" } });
  admin = await browserHeaders(await make("admin@example.com", "admin"));
  operator = await browserHeaders(await make("op@example.com", "operator"));
  viewer = await browserHeaders(await make("viewer@example.com", "viewer"));
});
afterAll(() => cleanup());

describe("POST /api/printers", () => {
  it("adds a Bambu printer and stores its access code only encrypted", async () => {
    const res = await create(bambu);
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain(bambu.accessCode);
    const view = printerViewSchema.parse(JSON.parse(text));
    expect(view).toMatchObject({
      kind: "bambu",
      serial: "03919A000000001",
      mqttPort: 8883,
      ftpPort: 990,
      cameraPort: 6000,
      httpPort: null,
      tls: "custom-ca",
      hasCaCert: true,
      enabled: true,
      live: null,
    });
    const row = await db.printer.findUniqueOrThrow({ where: { id: view.id } });
    expect(row.credentials).not.toContain(bambu.accessCode);
    expect(envelopeKeyId(row.credentials)).toMatch(/^k-/);
    // Bound to this printer: the same envelope under another printer's id does not open.
    expect(await readPrinterConnection(view.id, "test")).toMatchObject({ accessCode: bambu.accessCode });
    expect(await db.auditLog.count({ where: { action: "printer.created", target: view.id } })).toBe(1);
    expect(await db.event.count({ where: { type: "printer.changed", printerId: view.id } })).toBe(1);
  });

  it("adds a PrusaLink printer with its default port", async () => {
    const res = await create(prusa);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ kind: "prusalink", httpPort: 80, mqttPort: null, tls: null });
  });

  it("refuses what is not the contract: missing CA, no PrusaLink credentials, foreign fields, duplicate names", async () => {
    const cases: [object, number, string][] = [
      [{ ...bambu, name: "x1", caCert: undefined }, 422, "validation_failed"],
      [{ ...prusa, name: "x2", password: undefined }, 422, "validation_failed"],
      [{ ...prusa, name: "x3", accessCode: "12345678" }, 422, "validation_failed"],
      [{ ...bambu, name: "x4", host: "http://printer" }, 422, "validation_failed"],
      [{ ...bambu, name: "x5", mqttPort: 70000 }, 422, "validation_failed"],
      [{ ...bambu, serial: "03919A000000009" }, 409, "name_taken"],
    ];
    for (const [body, status, code] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(errorSchema.parse(await res.json()).error.code).toBe(code);
    }
  });

  it("is for admins only", async () => {
    expect((await create({ ...bambu, name: "op" }, operator)).status).toBe(403);
    expect((await create({ ...bambu, name: "viewer" }, viewer)).status).toBe(403);
  });
});

describe("GET /api/printers", () => {
  it("lists printers for every signed-in role, with the credential key's age", async () => {
    const res = await call(printersRoute.GET, testRequest("GET", "/api/printers", { headers: viewer }));
    expect(res.status).toBe(200);
    const body = printerListSchema.parse(await res.json());
    expect(body.printers.map((p) => p.name)).toEqual(["A1 links", "Core One"]);
    expect(body.meta.credentialKey).toMatchObject({ ageDays: 0, maxAgeDays: 90, rotateRecommended: false });
  });

  it("warns when the credential key is older than 90 days", async () => {
    process.env.PRINTERNIZER_SECRET_KEY = "an operator managed secret";
    process.env.PRINTERNIZER_SECRET_KEY_CREATED = new Date(Date.now() - 100 * 86_400_000).toISOString();
    try {
      const res = await call(printersRoute.GET, testRequest("GET", "/api/printers", { headers: viewer }));
      expect(printerListSchema.parse(await res.json()).meta.credentialKey).toMatchObject({ ageDays: 100, rotateRecommended: true });
    } finally {
      delete process.env.PRINTERNIZER_SECRET_KEY;
      delete process.env.PRINTERNIZER_SECRET_KEY_CREATED;
    }
  });

  it("shows the live state the worker stored", async () => {
    const printer = await db.printer.findFirstOrThrow({ where: { name: "Core One" } });
    const data = {
      online: true,
      state: "printing",
      nozzle: { current: 215.2, target: 215 },
      bed: { current: 60, target: 60 },
      chamber: { current: null, target: null },
      progress: 42,
      layer: null,
      totalLayers: null,
      elapsedSeconds: 600,
      remainingSeconds: 900,
      jobName: "Shape-Box",
      fileName: "/usb/SHAPE-~1.BGC",
      printerJobId: "117",
      filament: [],
      errors: [],
      lightOn: null,
      firmware: "6.4.0",
      developerModeRequired: false,
    };
    await db.printerStatus.create({ data: { printerId: printer.id, online: true, state: "printing", data: JSON.stringify(data), lastMessageAt: new Date() } });
    const res = await call(printerRoute.GET, testRequest("GET", `/api/printers/${printer.id}`, { headers: viewer }), { id: printer.id });
    expect(printerViewSchema.parse(await res.json()).live).toMatchObject({ online: true, state: "printing", data: { progress: 42 } });
  });

  it("answers 404 for an unknown printer", async () => {
    const res = await call(printerRoute.GET, testRequest("GET", "/api/printers/nope", { headers: viewer }), { id: "nope" });
    expect(res.status).toBe(404);
  });
});

describe("PATCH /api/printers/{id}", () => {
  it("edits fields, disables, and replaces credentials only as a whole", async () => {
    const printer = await db.printer.findFirstOrThrow({ where: { name: "A1 links" } });
    const patch = (body: object, headers = admin) =>
      call(printerRoute.PATCH, testRequest("PATCH", `/api/printers/${printer.id}`, { body, headers }), { id: printer.id });

    const renamed = await patch({ name: "A1 rechts", enabled: false, mqttPort: 8883, host: " 192.168.1.50" });
    expect(await renamed.json()).toMatchObject({ name: "A1 rechts", enabled: false, mqttPort: 8883 });
    expect((await db.printer.findUniqueOrThrow({ where: { id: printer.id } })).credentials).toBe(printer.credentials);

    expect((await patch({ accessCode: "N3wCode1" })).status).toBe(200);
    const after = await db.printer.findUniqueOrThrow({ where: { id: printer.id } });
    expect(after.credentials).not.toBe(printer.credentials);
    expect(after.credentials).not.toContain("N3wCode1");

    expect((await patch({ httpPort: 8080 })).status).toBe(422);
    expect((await patch({ caCert: null })).status).toBe(422);
    expect((await patch({ tls: "verify", accessCode: "N3wCode1" })).status).toBe(200);
    expect((await db.printer.findUniqueOrThrow({ where: { id: printer.id } })).caCert).toBeNull();
    expect((await patch({})).status).toBe(422);
    expect((await patch({ name: "Core One" })).status).toBe(409);
    expect((await patch({ name: "x" }, operator)).status).toBe(403);

    const audits = await db.auditLog.findMany({ where: { action: "printer.updated", target: printer.id }, orderBy: { id: "asc" } });
    expect(audits.map((a) => JSON.parse(a.details ?? "{}").credentialsChanged)).toEqual([false, true, true]);
  });

  it("keeps the secret with its place: a new host, port, TLS mode or certificate needs it typed again", async () => {
    const printer = await db.printer.findFirstOrThrow({ where: { name: "A1 rechts" } });
    const patch = (body: object) =>
      call(printerRoute.PATCH, testRequest("PATCH", `/api/printers/${printer.id}`, { body, headers: admin }), { id: printer.id });
    for (const change of [{ host: "192.168.1.51" }, { mqttPort: 18883 }, { tls: "insecure" }, { tls: "custom-ca", caCert: PEM }, { ftpPort: 991 }]) {
      const res = await patch(change);
      expect(res.status, JSON.stringify(change)).toBe(422);
      const body = errorSchema.parse(await res.json());
      expect(body.error.details).toEqual({ issues: [expect.objectContaining({ path: "accessCode", code: "secret_required" })] });
    }
    expect((await db.printer.findUniqueOrThrow({ where: { id: printer.id } })).host).toBe("192.168.1.50");
    expect((await patch({ host: "192.168.1.51", accessCode: "12345678" })).status).toBe(200);
    expect((await patch({ host: "192.168.1.300", accessCode: "12345678" })).status).toBe(422);
    expect((await patch({ accessCode: "1234567" })).status).toBe(422);

    const prusaRow = await db.printer.findFirstOrThrow({ where: { name: "Core One" } });
    const moved = await call(
      printerRoute.PATCH,
      testRequest("PATCH", `/api/printers/${prusaRow.id}`, { body: { host: "prusa-2.local" }, headers: admin }),
      { id: prusaRow.id },
    );
    expect(errorSchema.parse(await moved.json()).error.details).toEqual({ issues: [expect.objectContaining({ path: "password", code: "secret_required" })] });
  });

  it("replaces PrusaLink credentials with a valid set only", async () => {
    const printer = await db.printer.findFirstOrThrow({ where: { name: "Core One" } });
    const patch = (body: object) =>
      call(printerRoute.PATCH, testRequest("PATCH", `/api/printers/${printer.id}`, { body, headers: admin }), { id: printer.id });
    expect((await patch({ username: "maker" })).status).toBe(422);
    expect((await patch({ apiKey: "Api-Key-Secret-1" })).status).toBe(200);
  });
});

describe("sealed credentials", () => {
  it("are bound to their printer: swapped between two rows, neither opens", async () => {
    const [a, b] = await Promise.all(["A1 rechts", "Core One"].map((name) => db.printer.findFirstOrThrow({ where: { name } })));
    await db.printer.update({ where: { id: a.id }, data: { credentials: b.credentials } });
    await db.printer.update({ where: { id: b.id }, data: { credentials: a.credentials } });
    await expect(readPrinterConnection(a.id, "test")).rejects.toThrow();
    await expect(readPrinterConnection(b.id, "test")).rejects.toThrow();
    await db.printer.update({ where: { id: a.id }, data: { credentials: a.credentials } });
    await db.printer.update({ where: { id: b.id }, data: { credentials: b.credentials } });
    expect(await readPrinterConnection(a.id, "test")).toMatchObject({ kind: "bambu" });
  });
});

describe("GET /api/printers/{id}/samples", () => {
  it("averages the range into buckets", async () => {
    const printer = await db.printer.findFirstOrThrow({ where: { name: "Core One" } });
    const now = Date.now();
    await db.temperatureSample.createMany({
      data: [0, 1, 2, 3].map((i) => ({ printerId: printer.id, at: new Date(now - 60_000 + i * 2_000), nozzle: 200 + i, nozzleTarget: 215, bed: 60, bedTarget: 60 })),
    });
    await db.temperatureSample.create({ data: { printerId: printer.id, at: new Date(now - 2 * 3_600_000), nozzle: 20 } });
    const res = await call(samplesRoute.GET, testRequest("GET", `/api/printers/${printer.id}/samples?range=1h`, { headers: viewer }), {
      id: printer.id,
    });
    const body = (await res.json()) as { bucketSeconds: number; samples: { nozzle: number }[] };
    expect(body.bucketSeconds).toBe(10);
    const nozzles = body.samples.map((s) => s.nozzle);
    expect(nozzles.length).toBeGreaterThanOrEqual(1);
    expect(nozzles.every((n) => n >= 200 && n <= 203)).toBe(true);
    const bad = await call(samplesRoute.GET, testRequest("GET", `/api/printers/${printer.id}/samples?range=1y`, { headers: viewer }), {
      id: printer.id,
    });
    expect(bad.status).toBe(422);
  });
});

describe("DELETE /api/printers/{id}", () => {
  it("removes a printer without jobs, and archives one with jobs so their history keeps its printer", async () => {
    const fresh = printerViewSchema.parse(await (await create({ ...prusa, name: "Spare" })).json());
    const del = (id: string) => call(printerRoute.DELETE, testRequest("DELETE", `/api/printers/${id}`, { headers: admin }), { id });
    expect(await (await del(fresh.id)).json()).toEqual({ deleted: true, archived: false });
    expect(await db.printer.findUnique({ where: { id: fresh.id } })).toBeNull();

    const printer = await db.printer.findFirstOrThrow({ where: { name: "Core One" } });
    await db.job.create({ data: { printerId: printer.id, printerJobId: "117", name: "Shape-Box", status: "printing", startedAt: new Date() } });
    expect(await (await del(printer.id)).json()).toEqual({ deleted: true, archived: true });
    const archived = await db.printer.findUniqueOrThrow({ where: { id: printer.id } });
    expect(archived).toMatchObject({ credentials: "", enabled: false });
    expect(archived.deletedAt).not.toBeNull();
    expect((await db.job.findFirstOrThrow({ where: { printerId: printer.id } })).status).toBe("failed");
    const list = printerListSchema.parse(await (await call(printersRoute.GET, testRequest("GET", "/api/printers", { headers: viewer }))).json());
    expect(list.printers.map((p) => p.id)).not.toContain(printer.id);
    expect((await create(prusa)).status).toBe(201);
    expect((await del(printer.id)).status).toBe(404);
  });
});
