import { acknowledgeAlert, raiseAlert } from "@/lib/alerts/store";
import { loadAlertSettings, saveAlertSettings } from "@/lib/alerts/settings";
import { audit, systemActor, type AuditActor } from "@/lib/audit/audit";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { createUser, type UserRecord } from "@/lib/auth/users";
import { createMaterial, createSpool } from "@/lib/business/inventory/inventory";
import { onJobFinished } from "@/lib/business/on-job-finished";
import { updateJobBusiness } from "@/lib/business/job-fields/job-fields";
import { closeMonth } from "@/lib/business/costing/month-close";
import { addRate } from "@/lib/business/rates/rates";
import { readBusinessSettings, updateBusinessSettings } from "@/lib/business/settings/settings";
import { readRetentionSettings, updateRetentionSettings } from "@/lib/compliance/retention-settings";
import { db } from "@/lib/db";
import { queueDownloads } from "@/lib/files/actions";
import { createPrinter } from "@/lib/printers/repository";
import type { CreatePrinterInput } from "@/lib/printers/schemas";
import { applyListing } from "@/worker/files/sync-listing";
import { plain, readAudit, readFacts } from "./facts";
import type { ExpectedRelease } from "./expected";

/**
 * What the release at e8af25d stored, written through its own services so every row has
 * the shape that release gives it. Inputs are fixed; ids, token values and creation
 * times come from the run and are recorded in the expected facts.
 */

export const RELEASE = "e8af25d";
const CLIENT_IP = "203.0.113.10";

export const users = [
  { email: "admin@example.com", name: "Ada Admin", password: "admin password 2026", role: "admin" },
  { email: "operator@example.com", name: "Otto Operator", password: "operator password 2026", role: "operator" },
  { email: "viewer@example.com", name: "Vera Viewer", password: "viewer password 2026", role: "viewer" },
] as const;

const printers: CreatePrinterInput[] = [
  { name: "A1 links", kind: "bambu", host: "192.168.10.21", serial: "03919c461801234", accessCode: "12345678", model: "A1", location: "Werkstatt" },
  {
    name: "X1C rechts",
    kind: "bambu",
    host: "192.168.10.22",
    serial: "00M09A350100456",
    accessCode: "a1B2c3D4",
    model: "X1C",
    mqttPort: 8883,
    ftpPort: 990,
    tls: "insecure",
  },
  { name: "Core One", kind: "prusalink", host: "192.168.10.31", username: "maker", password: "prusa-digest-pw", model: "COREONE" },
  { name: "MK4S Büro", kind: "prusalink", host: "mk4s.local", httpPort: 8080, apiKey: "PLk3yAbCdEf12345", model: "MK4S", location: "Büro" },
];

/** Finished jobs (UTC instants) on a printer; grams come off the spool loaded there. */
const jobs = [
  { printer: "A1 links", printerJobId: "101", name: "Halter", start: "2026-03-02T08:00:00Z", end: "2026-03-02T10:30:00Z", grams: 42.5, customer: "Muster GmbH", labourMinutes: 20 },
  { printer: "A1 links", printerJobId: "102", name: "Privat Vase", start: "2026-03-20T16:00:00Z", end: "2026-03-20T18:00:00Z", grams: 5, businessUse: false },
  // 00:30 on 1 April in Berlin: an April job.
  { printer: "A1 links", printerJobId: "103", name: "Gehäuse", start: "2026-03-31T20:00:00Z", end: "2026-03-31T22:30:00Z", grams: 7 },
  { printer: "Core One", printerJobId: "7", name: "Zahnrad", start: "2026-04-10T09:00:00Z", end: "2026-04-10T12:15:00Z", grams: 61.2, customer: "Kunde AG" },
  { printer: "X1C rechts", printerJobId: "201", name: "Schild", start: "2026-04-22T07:00:00Z", end: "2026-04-22T08:00:00Z", grams: 12 },
] as const;

/** The months the jobs fall in, reported before and after the upgrade. */
export const reportMonths = [
  { from: "2026-03-01", to: "2026-03-31" },
  { from: "2026-04-01", to: "2026-04-30" },
] as const;

async function seedUsers(): Promise<Map<string, UserRecord>> {
  const byEmail = new Map<string, UserRecord>();
  for (const user of users) {
    byEmail.set(user.email, await createUser({ ...user }, { actor: systemActor, ip: CLIENT_IP }));
  }
  return byEmail;
}

async function seedTokens(byEmail: Map<string, UserRecord>): Promise<ExpectedRelease["tokens"]> {
  const admin = byEmail.get("admin@example.com")!;
  const operator = byEmail.get("operator@example.com")!;
  const asUser = (user: UserRecord): { actor: AuditActor; ip: string } => ({ actor: { type: "user", id: user.id }, ip: CLIENT_IP });
  const ci = await createApiToken({ userId: admin.id, name: "CI export" }, asUser(admin));
  const dashboard = await createApiToken({ userId: operator.id, name: "Dashboard", expiresInDays: 3650 }, asUser(operator));
  const old = await createApiToken({ userId: operator.id, name: "Old script" }, asUser(operator));
  await revokeApiToken(old.apiToken.id, { userId: operator.id, role: operator.role }, asUser(operator));
  return [
    { name: "CI export", owner: admin.email, token: ci.token, valid: true },
    { name: "Dashboard", owner: operator.email, token: dashboard.token, valid: true },
    { name: "Old script", owner: operator.email, token: old.token, valid: false },
  ];
}

async function seedPrinters(admin: UserRecord): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const input of printers) {
    const view = await createPrinter(input, { actor: { type: "user", id: admin.id }, ip: CLIENT_IP });
    ids.set(view.name, view.id);
  }
  return ids;
}

async function seedBusiness(admin: UserRecord, printerIds: Map<string, string>): Promise<void> {
  await addRate(
    {
      validFrom: "2026-01-01",
      electricityCentsPerKwh: "30",
      machineCentsPerHour: "80",
      labourCentsPerHour: "3000",
      printerPowerWatts: 150,
      defaultMarkupBp: 2000,
      vatMode: "standard",
      defaultVatRateBp: 1900,
    },
    admin.id,
  );
  // A second dated rate: April's jobs are priced with it, March's with the first.
  await addRate(
    {
      validFrom: "2026-04-01",
      electricityCentsPerKwh: "34.12",
      machineCentsPerHour: "95.5",
      labourCentsPerHour: "3200",
      printerPowerWatts: 180,
      defaultMarkupBp: 2500,
      vatMode: "standard",
      defaultVatRateBp: 1900,
    },
    admin.id,
  );
  const settings = await updateBusinessSettings({ lowStockGrams: 200, fallbackMaterialCentsPerKg: 2750 });
  const petg = await createMaterial({ type: "PETG", brand: "Prusament", color: "Orange", diameterMm: "1.75", pricePerKgCents: 2990 });
  const pla = await createMaterial({ type: "PLA", brand: "Bambu", color: "Schwarz", diameterMm: "1.75", pricePerKgCents: 1999 });
  await createSpool({ materialId: pla.id, initialGrams: 1000, printerId: printerIds.get("A1 links")!, slot: "ams0-tray0" }, settings.lowStockGrams);
  await createSpool({ materialId: petg.id, initialGrams: 1000, remainingGrams: 640, printerId: printerIds.get("Core One")!, slot: "tool0" }, settings.lowStockGrams);
  await createSpool({ materialId: pla.id, initialGrams: 1000, location: "Regal 2" }, settings.lowStockGrams);

  for (const job of jobs) {
    const row = await db.job.create({
      data: {
        printerId: printerIds.get(job.printer)!,
        printerJobId: job.printerJobId,
        name: job.name,
        fileName: `${job.name}.gcode.3mf`,
        status: "finished",
        progress: 100,
        startedAt: new Date(job.start),
        endedAt: new Date(job.end),
        durationSeconds: Math.round((Date.parse(job.end) - Date.parse(job.start)) / 1000),
        filamentGrams: job.grams,
        businessUse: "businessUse" in job ? job.businessUse : true,
        customer: "customer" in job ? job.customer : null,
        labourMinutes: "labourMinutes" in job ? job.labourMinutes : null,
      },
    });
    await onJobFinished(row.id);
  }

  // March is booked; more labour on its first job afterwards becomes a correction.
  await closeMonth({ year: 2026, month: 3 }, admin.id);
  const first = await db.job.findFirstOrThrow({ where: { printerJobId: "101" }, select: { id: true } });
  await updateJobBusiness(first.id, { labourMinutes: 45 }, admin.id);
}

async function seedFiles(operator: UserRecord, printerIds: Map<string, string>): Promise<void> {
  const seenAt = new Date("2026-04-23T10:00:00Z");
  await applyListing(
    printerIds.get("A1 links")!,
    [
      { path: "/cache/Halter.gcode.3mf", name: "Halter.gcode.3mf", size: 1_234_567, modifiedAt: new Date("2026-03-01T18:00:00Z") },
      { path: "/cache/Gehäuse.gcode.3mf", name: "Gehäuse.gcode.3mf", size: 987_654, modifiedAt: new Date("2026-03-30T12:00:00Z") },
    ],
    seenAt,
  );
  await applyListing(
    printerIds.get("Core One")!,
    [
      { path: "/usb/ZAHNRAD.BGC", name: "Zahnrad.bgcode", size: 5_500_000_000, modifiedAt: new Date("2026-04-09T20:00:00Z") },
      { path: "/usb/OLD.GCO", name: "old.gcode", size: null, modifiedAt: null },
    ],
    seenAt,
  );
  const files = await db.printerFile.findMany({ where: { path: { in: ["/cache/Halter.gcode.3mf", "/usb/ZAHNRAD.BGC"] } }, select: { id: true } });
  await queueDownloads(
    files.map((file) => file.id),
    { actor: { type: "user", id: operator.id }, userId: operator.id, ip: CLIENT_IP },
  );
}

async function seedAlertsAndSettings(operator: UserRecord, printerIds: Map<string, string>): Promise<void> {
  await saveAlertSettings({ nozzleMaxC: 290, offlineGraceSeconds: 120, notify: { webhook: ["overheat", "print_failed"], emailTo: ["werkstatt@example.com"] } });
  await updateRetentionSettings({ businessYears: 10, telemetryDays: 30 });
  const overheat = await raiseAlert(printerIds.get("X1C rechts")!, "overheat", { part: "nozzle", celsius: 305, limitC: 290 });
  await raiseAlert(printerIds.get("Core One")!, "print_failed", { job: "Zahnrad", code: "FIL_RUNOUT" });
  await acknowledgeAlert(overheat.id, { actor: { type: "user", id: operator.id }, userId: operator.id, ip: CLIENT_IP });
  await audit({ actor: systemActor, action: "upgrade.fixture", target: "e8af25d", details: { note: "seeded by testing/upgrade/seed-release.ts" } });
}

/** Fills an empty, migrated database and returns what the release shows of it. */
export async function seedRelease(): Promise<ExpectedRelease> {
  const byEmail = await seedUsers();
  const tokens = await seedTokens(byEmail);
  const printerIds = await seedPrinters(byEmail.get("admin@example.com")!);
  await seedBusiness(byEmail.get("admin@example.com")!, printerIds);
  await seedFiles(byEmail.get("operator@example.com")!, printerIds);
  await seedAlertsAndSettings(byEmail.get("operator@example.com")!, printerIds);
  const facts = await readFacts(reportMonths);
  return {
    release: RELEASE,
    users: users.map(({ email, role, password }) => ({ email, role, password })),
    tokens,
    printerSecrets: printers.map((input) => ({ name: input.name, secrets: secretsOf(input) })),
    settings: plain({ business: await readBusinessSettings(), retention: await readRetentionSettings(), alerts: await loadAlertSettings() }) as ExpectedRelease["settings"],
    // Read last: reading the facts opened every printer's credentials, which is audited too.
    facts: { ...facts, audit: await readAudit() },
  };
}

function secretsOf(input: CreatePrinterInput): string[] {
  if (input.kind === "bambu") return [input.accessCode];
  return [input.password, input.apiKey].filter((value): value is string => value !== undefined);
}
