import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as profileRoute from "@/app/api/business/profile/route";
import * as quoteRoute from "@/app/api/quotes/[id]/route";
import * as previewRoute from "@/app/api/quotes/preview/route";
import * as quotesRoute from "@/app/api/quotes/route";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { legalText } from "@/lib/compliance/legal-content";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { useTempDatabase } from "@/testing/db/temp-database";
import { berlinDateOf } from "../calendar";
import { jobCostPanelData } from "../costing/cost-panel";
import { priceJobFromDatabase } from "../costing/price-job";
import { jobBusinessPatchSchema, jobNote, updateJobBusiness } from "../job-fields/job-fields";
import type { PrintFileMetadata } from "@/lib/files/metadata/types";
import { businessProfileComplete } from "../profile/profile";
import type { QuoteComputation, QuoteView } from "./schemas";

/**
 * Quotes priced from a file's metadata with the job cost path, checked against cents
 * worked by hand and against the cost of a job with the same grams, time and labour.
 *
 * Rate: 30 ct/kWh, 80 ct/h machine, 3000 ct/h labour, 150 W, no markup, 19 %.
 * One copy of plate 1 (PLA 10 g at 20,00 €/kg, 1 h): material 10 g × 2 ct = 20 ct,
 * energy 150 W × 1 h = 0,15 kWh × 30 ct = 4,5 ct → 5 ct, machine 80 ct: net 105 ct,
 * VAT 19 % = 19,95 → 20 ct, gross 125 ct.
 */

let cleanup: () => Promise<void>;
let admin: Record<string, string>;
let accountant: Record<string, string>;
let operator: Record<string, string>;
let fileId: string;
let petg: string;

const metadata: PrintFileMetadata = {
  kind: "gcode.3mf",
  plates: [
    { index: 1, printSeconds: 3600, filamentGrams: 10, filaments: [{ type: "PLA", color: "#FFFFFF", grams: 10, amsSlot: 1 }] },
    {
      index: 2,
      name: "Deckel",
      printSeconds: 5400,
      filamentGrams: 20.5,
      filaments: [
        { type: "PLA", color: "#FFFFFF", grams: 12.345, amsSlot: 1 },
        { type: "PETG", color: "#000000", grams: 8.155, amsSlot: 3 },
      ],
    },
  ],
  printSeconds: 9000,
  filamentGrams: 30.5,
  filamentMeters: null,
  filaments: [],
  layerHeight: 0.2,
  nozzleDiameter: 0.4,
  printerModel: "Bambu Lab A1",
  printerModelId: "N2S",
  slicer: null,
  thumbnails: [],
};

async function post<T>(handler: typeof previewRoute.POST, path: string, body: unknown, headers = accountant): Promise<{ status: number; body: T }> {
  const response = await call(handler, testRequest("POST", path, { headers, body }));
  return { status: response.status, body: (await response.json()) as T };
}

const preview = (body: Record<string, unknown>) => post<QuoteComputation>(previewRoute.POST, "/api/quotes/preview", { fileId, ...body });

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  const system = { actor: { type: "system" as const } };
  admin = await browserHeaders(await createUser({ email: "a@example.com", name: "Admin", password: "admin password", role: "admin" }, system));
  accountant = await browserHeaders(await createUser({ email: "b@example.com", name: "Books", password: "books password", role: "accountant" }, system));
  operator = await browserHeaders(await createUser({ email: "o@example.com", name: "Floor", password: "floor password", role: "operator" }, system));
  await db.businessRate.create({
    data: {
      validFrom: new Date("2020-01-01T00:00:00Z"),
      electricityCentsPerKwh: "30",
      machineCentsPerHour: "80",
      labourCentsPerHour: "3000",
      printerPowerWatts: 150,
      defaultMarkupBp: 0,
      vatMode: "standard",
      defaultVatRateBp: 1900,
    },
  });
  await db.material.create({ data: { type: "PLA", brand: "Generic", color: "White", diameterMm: "1.75", pricePerKgCents: 2000 } });
  petg = (await db.material.create({ data: { type: "PETG", brand: "Prusament", color: "Black", diameterMm: "1.75", pricePerKgCents: 2999 } })).id;
  fileId = (
    await db.localFile.create({ data: { relativePath: "local/box.gcode.3mf", name: "box.gcode.3mf", size: 1000n, sha256: "x", metadata: JSON.stringify(metadata) } })
  ).id;
});

afterAll(async () => {
  await cleanup();
});

describe("quote computation", () => {
  it("prices one copy to the cent as worked by hand, and two copies as twice that", async () => {
    const one = await preview({ copies: 1 });
    expect(one.status).toBe(200);
    expect(one.body.unit).toEqual({ netCents: 105, vatCents: 20, grossCents: 125 });
    expect(one.body.lines.map((l) => [l.kind, l.netCents])).toEqual([["material", 20], ["energy", 5], ["machine", 80]]);
    expect(one.body.filaments).toEqual([expect.objectContaining({ slot: 1, grams: 10, materialLabel: "Generic PLA White", pricePerKgCents: 2000 })]);
    const two = await preview({ copies: 2 });
    expect(two.body.total).toEqual({ netCents: 210, vatCents: 40, grossCents: 250 });
  });

  it("charges 7 % when asked, and markup and labour on top", async () => {
    expect((await preview({ copies: 2, vatRateBp: 700 })).body.total).toEqual({ netCents: 210, vatCents: 14, grossCents: 224 });
    // 105 ct + labour 15 min × 30 €/h = 750 ct → 855 ct; markup 42,5 % of 855 = 363,375 → 363 ct; net 1218, VAT 231,42 → 231.
    const marked = await preview({ copies: 1, labourMinutes: 15, markupBp: 4250 });
    expect(marked.body.unit).toEqual({ netCents: 1218, vatCents: 231, grossCents: 1449 });
  });

  it("prices plate 2 per filament slot, by type or by the chosen material", async () => {
    const byType = await preview({ copies: 1, plate: 2 });
    expect(byType.body.plate).toBe(2);
    expect(byType.body.filaments.map((f) => [f.slot, f.grams, f.materialId])).toEqual([
      [1, 12.345, expect.any(String)],
      [3, 8.155, petg],
    ]);
    // 12,345 g × 2 ct = 24,69 → 25; 8,155 g × 2,999 ct = 24,456845 → 24; energy 0,225 kWh × 30 = 6,75 → 7; machine 1,5 h × 80 = 120. Net 176.
    expect(byType.body.unit.netCents).toBe(176);
    const chosen = await preview({ copies: 1, plate: 2, materials: [{ slot: 1, materialId: petg }] });
    // 12,345 × 2,999 = 37,022655 → 37; net 37 + 24 + 7 + 120 = 188.
    expect(chosen.body.unit.netCents).toBe(188);
    expect((await preview({ copies: 1, materials: [{ slot: 1, materialId: "nope" }] })).status).toBe(422);
  });

  it("refuses a plate the file lacks, a file without metadata and an unknown id", async () => {
    const noPlate = await preview({ copies: 1, plate: 3 });
    expect(noPlate.status).toBe(422);
    expect(noPlate.body).toMatchObject({ error: { code: "quote_file_unusable" } });
    const bare = (await db.localFile.create({ data: { relativePath: "local/bare.gcode", name: "bare.gcode", size: 1n, sha256: "y" } })).id;
    expect((await post(previewRoute.POST, "/api/quotes/preview", { fileId: bare, copies: 1 })).status).toBe(422);
    expect((await post(previewRoute.POST, "/api/quotes/preview", { fileId: "unknown", copies: 1 })).status).toBe(404);
  });

  it("charges no VAT under § 19 UStG and names the invoice note", async () => {
    await db.businessRate.create({
      data: {
        validFrom: new Date("2021-01-01T00:00:00Z"),
        electricityCentsPerKwh: "30",
        machineCentsPerHour: "80",
        labourCentsPerHour: "3000",
        printerPowerWatts: 150,
        defaultMarkupBp: 0,
        vatMode: "kleinunternehmer",
        defaultVatRateBp: 1900,
      },
    });
    try {
      const small = await preview({ copies: 2 });
      expect(small.body.total).toEqual({ netCents: 210, vatCents: 0, grossCents: 210 });
      expect(small.body).toMatchObject({ treatment: "kleinunternehmer", vatRateBp: 0, invoiceNoteKey: "vat.kleinunternehmerNote" });
    } finally {
      await db.businessRate.deleteMany({ where: { vatMode: "kleinunternehmer" } });
    }
  });

  it("equals the cost a finished job with the same grams, time and labour books (same code path)", async () => {
    const quote = await preview({ copies: 1, plate: 2, labourMinutes: 7, markupBp: 0 });
    const printer = await db.printer.create({ data: { name: "A1", kind: "bambu", host: "127.0.0.1", model: "A1", credentials: "{}" } });
    const pla = await db.material.findFirstOrThrow({ where: { type: "PLA" } });
    const spools = await Promise.all(
      [pla.id, petg].map((materialId, i) => db.spool.create({ data: { materialId, initialGrams: 1000, remainingGrams: 900, printerId: printer.id, slot: `ams0-tray${i}` } })),
    );
    const end = new Date(Date.now() - 60_000);
    const job = await db.job.create({
      data: { printerId: printer.id, name: "Deckel", status: "finished", startedAt: new Date(end.getTime() - 5_400_000), endedAt: end, durationSeconds: 5400, filamentGrams: 20.5, labourMinutes: 7, progress: 100 },
    });
    await db.jobSpoolUse.createMany({ data: [{ jobId: job.id, spoolId: spools[0].id, grams: 12.345 }, { jobId: job.id, spoolId: spools[1].id, grams: 8.155 }] });
    const { totals } = await priceJobFromDatabase(job.id);
    expect(quote.body.unit).toEqual({ netCents: totals.netCents, vatCents: totals.vatCents, grossCents: totals.grossCents });
    expect(quote.body.lines.map((l) => l.netCents)).toEqual(totals.lines.map((l) => l.netCents));
  });
});

describe("saved quotes over the API", () => {
  it("numbers quotes per year, lists, reads and cancels them, audited; operators may not", async () => {
    const year = berlinDateOf(new Date()).year;
    const first = await post<QuoteView>(quotesRoute.POST, "/api/quotes", { fileId, copies: 2, customer: "Muster GmbH", orderReference: "PO-7", locale: "en" });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ number: `KV-${year}-0001`, customer: "Muster GmbH", orderReference: "PO-7", status: "open", locale: "en", copies: 2 });
    expect(first.body.total).toEqual({ netCents: 210, vatCents: 40, grossCents: 250 });
    const second = await post<QuoteView>(quotesRoute.POST, "/api/quotes", { fileId, copies: 1, customer: "B", validUntil: "2099-01-31" });
    expect(second.body).toMatchObject({ number: `KV-${year}-0002`, validUntil: "2099-01-31", locale: "de" });
    expect((await post(quotesRoute.POST, "/api/quotes", { fileId, copies: 1, customer: "C", validUntil: "2001-01-01" })).status).toBe(422);

    const list = (await (await call(quotesRoute.GET, testRequest("GET", "/api/quotes", { headers: admin }))).json()) as { quotes: QuoteView[] };
    expect(list.quotes.map((q) => q.number)).toEqual([`KV-${year}-0002`, `KV-${year}-0001`]);
    const read = (await (await call(quoteRoute.GET, testRequest("GET", `/api/quotes/${first.body.id}`, { headers: accountant }), { id: first.body.id })).json()) as QuoteView;
    expect(read).toEqual(first.body);

    const cancelled = await call(quoteRoute.DELETE, testRequest("DELETE", `/api/quotes/${first.body.id}`, { headers: accountant }), { id: first.body.id });
    expect(((await cancelled.json()) as QuoteView).status).toBe("cancelled");
    const actions = (await db.auditLog.findMany({ where: { action: { startsWith: "quote." } }, orderBy: { id: "asc" } })).map((row) => row.action);
    expect(actions).toEqual(["quote.created", "quote.created", "quote.cancelled"]);

    expect((await post(previewRoute.POST, "/api/quotes/preview", { fileId, copies: 1 }, operator)).status).toBe(403);
    expect((await call(quotesRoute.GET, testRequest("GET", "/api/quotes", { headers: operator }))).status).toBe(403);
  });
});

describe("business details over the API", () => {
  const patch = (body: unknown, headers = admin) => call(profileRoute.PATCH, testRequest("PATCH", "/api/business/profile", { headers, body }));

  it("refuses a wrong IBAN or USt-IdNr. naming the field, saves valid details and fills the Impressum template", async () => {
    const bad = await patch({ iban: "DE00 3704 0044 0532 0130 00", vatId: "DE12" });
    expect(bad.status).toBe(422);
    const issues = ((await bad.json()) as { error: { details: { issues: { path: string }[] } } }).error.details.issues;
    expect(issues.map((i) => i.path).sort()).toEqual(["iban", "vatId"]);
    expect(await businessProfileComplete()).toBe(false);

    const good = await patch({
      name: "3D-Druck Muster",
      owner: "Erika Muster",
      street: "Bahnhofstraße 1",
      postcode: "70806",
      city: "Kornwestheim",
      email: "info@muster.example",
      vatId: "de 123456789",
      iban: "DE89 3704 0044 0532 0130 00",
      bic: "COBADEFFXXX",
    });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ vatId: "DE123456789", iban: "DE89370400440532013000", missing: [], kleinunternehmer: false });
    expect(await businessProfileComplete()).toBe(true);

    const impressum = await legalText("impressum", "de");
    expect(impressum.isTemplate).toBe(true);
    expect(impressum.text).toContain("3D-Druck Muster\nErika Muster\nBahnhofstraße 1\n70806 Kornwestheim");
    expect(impressum.text).toContain("gemäß § 27a UStG: DE123456789");
    expect(impressum.text).toContain("[Telefonnummer]");
    expect((await patch({ name: "X" }, accountant)).status).toBe(403);
  });
});

describe("a job's note", () => {
  it("is saved, read back and cleared through the job's business fields", async () => {
    const job = await db.job.findFirstOrThrow({ where: { name: "Deckel" } });
    expect(await jobNote(job.id)).toBeNull();
    expect((await updateJobBusiness(job.id, jobBusinessPatchSchema.parse({ note: "  Kunde holt am Freitag ab " }), null)).note).toBe("Kunde holt am Freitag ab");
    expect(await jobNote(job.id)).toBe("Kunde holt am Freitag ab");
    expect((await updateJobBusiness(job.id, { note: null }, null)).note).toBeNull();
  });
});

describe("the job page's cost panel", () => {
  it("calls the filament of a job that ended without a known use unknown, and known once grams are recorded", async () => {
    const printer = await db.printer.findFirstOrThrow();
    const end = new Date(Date.now() - 120_000);
    const job = await db.job.create({ data: { printerId: printer.id, name: "Ohne Gramm", status: "finished", startedAt: new Date(end.getTime() - 600_000), endedAt: end, durationSeconds: 600, progress: 100 } });
    expect(await jobCostPanelData(job.id)).toMatchObject({ ended: true, filamentKnown: false });
    await db.job.update({ where: { id: job.id }, data: { filamentGrams: 3.5 } });
    expect(await jobCostPanelData(job.id)).toMatchObject({ filamentKnown: true });
  });
});
