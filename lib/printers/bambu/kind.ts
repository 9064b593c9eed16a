import { z } from "zod";
import {
  caCertSchema,
  hostSchema,
  locationSchema,
  modelSchema,
  portSchema,
  printerNameSchema,
  savedPrinterIdSchema,
  tlsModes,
  type TlsMode,
} from "@/lib/printers/fields";
import { CredentialError, type DriverCapability, type PrinterKindDescriptor } from "@/lib/printers/kind";
import { bambuModels, modelCodesByModel } from "./models";

/** Connection settings after decryption; only the worker ever holds these. */
export interface BambuConnection {
  kind: "bambu";
  host: string;
  serial: string;
  accessCode: string;
  model: string;
  mqttPort: number;
  ftpPort: number;
  cameraPort: number;
  tls: TlsMode;
  caCert: string | null;
}

export const bambuSerialSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{6,32}$/, "letters and digits only")
  .transform((s) => s.toUpperCase());

/** The LAN access code the printer shows: 8 characters on every current firmware. */
export const bambuAccessCodeSchema = z.string().length(8, "8 characters");

const fields = {
  name: printerNameSchema,
  kind: z.literal("bambu"),
  host: hostSchema,
  serial: bambuSerialSchema,
  accessCode: bambuAccessCodeSchema,
  model: modelSchema.optional(),
  mqttPort: portSchema.optional(),
  ftpPort: portSchema.optional(),
  cameraPort: portSchema.optional(),
  /** verify: Bambu's CA with SNI = serial (default); custom-ca: the PEM in caCert; insecure: no check. */
  tls: z.enum(tlsModes).optional(),
  caCert: caCertSchema.optional(),
  location: locationSchema.optional(),
};

function checkTls(input: { tls?: TlsMode; caCert?: string }, ctx: z.RefinementCtx): void {
  if (input.tls === "custom-ca" && !input.caCert) {
    ctx.addIssue({ code: "custom", path: ["caCert"], message: "required when tls is custom-ca" });
  }
  if (input.caCert && input.tls !== "custom-ca") {
    ctx.addIssue({ code: "custom", path: ["caCert"], message: "only used when tls is custom-ca" });
  }
}

const createSchema = z.strictObject(fields).superRefine(checkTls);

const testSchema = z
  .strictObject({
    ...fields,
    name: printerNameSchema.optional(),
    serial: bambuSerialSchema.optional(),
    accessCode: bambuAccessCodeSchema.optional(),
    printerId: savedPrinterIdSchema.optional(),
  })
  .superRefine((input, ctx) => {
    // With a saved printer its stored TLS mode and certificate count: the API checks the test with checkPatch.
    if (input.printerId) return;
    if (input.tls !== undefined || input.caCert !== undefined) checkTls(input, ctx);
    for (const field of ["serial", "accessCode"] as const) {
      if (!input[field]) ctx.addIssue({ code: "custom", path: [field], message: "required without printerId" });
    }
  });

const defaultPorts = { mqttPort: 8883, ftpPort: 990, cameraPort: 6000, httpPort: null } as const;

export const bambuKind = {
  kind: "bambu",
  models: bambuModels.filter((model) => model !== "unknown"),
  slicerModelIds: modelCodesByModel(),
  defaultPorts,
  mainPort: "mqttPort",
  // Bambu starts sliced 3MF projects (project_file); its bare .gcode needs model-specific commands we do not send.
  printableTypes: ["gcode.3mf", "3mf"],
  // The SD card's root, where Bambu Studio puts what it sends.
  uploadFolder: "",
  columns: ["serial", "mqttPort", "ftpPort", "cameraPort", "tls", "caCert"],
  secretFields: ["accessCode"],
  identityFields: ["host", "mqttPort", "ftpPort", "cameraPort", "tls", "caCert"],
  requiredSecret: "accessCode",
  // A refused or silent MQTT port usually means a wrong address; a TLS failure, the certificate (or its mode).
  testFailureFields: { dns: "host", tcp: "host", timeout: "host", tls: "caCert", auth: "accessCode" },
  capabilities: new Set<DriverCapability>(["camera", "plates", "amsMapping"]),
  alertKeys: {
    filamentRunout: ["bambu.filamentRunout", "bambu.amsFilamentRunout", "bambu.externalFilamentRunout"],
    attention: [],
  },
  createSchema,
  testSchema,
  patchFields: {
    serial: bambuSerialSchema.optional(),
    mqttPort: portSchema.nullable().optional(),
    ftpPort: portSchema.nullable().optional(),
    cameraPort: portSchema.nullable().optional(),
    tls: z.enum(tlsModes).optional(),
    caCert: caCertSchema.nullable().optional(),
    accessCode: bambuAccessCodeSchema.optional(),
  },
  form: {
    fields: [
      { control: "text", name: "serial", testId: "form-serial", hint: "serialHint" },
      { control: "secret", name: "accessCode", testId: "form-access-code", hint: "accessCodeHint", autoComplete: "new-password", hintWhenEditing: "secretKeep" },
      { control: "tls", name: "tls", testId: "form-tls" },
      { control: "caCert", name: "caCert", testId: "form-ca" },
      { control: "port", name: "mqttPort", testId: "form-mqttPort", advanced: true },
      { control: "port", name: "ftpPort", testId: "form-ftpPort", advanced: true },
      { control: "port", name: "cameraPort", testId: "form-cameraPort", advanced: true },
    ],
    notice: "developerModeHint",
  },
  secretsOf: (input) => ({ accessCode: input.accessCode }),
  patchSecretsSchema: z.object({ accessCode: bambuAccessCodeSchema }),
  checkPatch: ({ current, patch }) => {
    const tls = patch.tls ?? current.tls;
    if (tls === "custom-ca" && !(patch.caCert === undefined ? current.caCert : patch.caCert)) return { path: "caCert", message: "required when tls is custom-ca" };
    if (patch.caCert && tls !== "custom-ca") return { path: "caCert", message: "only used when tls is custom-ca" };
    return null;
  },
  resetOnPatch: ({ patch }) => (patch.tls !== undefined && patch.tls !== "custom-ca" ? { caCert: null } : {}),
  connectionOf(row, secrets): BambuConnection {
    if (!row.serial || !secrets.accessCode) throw new CredentialError("a Bambu printer needs its serial and access code");
    return {
      kind: "bambu",
      host: row.host,
      serial: row.serial,
      accessCode: secrets.accessCode,
      model: row.model,
      mqttPort: row.mqttPort ?? defaultPorts.mqttPort,
      ftpPort: row.ftpPort ?? defaultPorts.ftpPort,
      cameraPort: row.cameraPort ?? defaultPorts.cameraPort,
      tls: tlsModes.find((mode) => mode === row.tls) ?? "verify",
      caCert: row.caCert,
    };
  },
  secretValues: (connection: BambuConnection) => [connection.accessCode],
} as const satisfies PrinterKindDescriptor<"bambu", BambuConnection>;
