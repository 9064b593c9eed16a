import { z } from "zod";
import {
  hostSchema,
  locationSchema,
  modelSchema,
  portSchema,
  printerNameSchema,
  savedPrinterIdSchema,
  secretSchema,
  usernameSchema,
} from "@/lib/printers/fields";
import type { DriverCapability, PrinterKindDescriptor } from "@/lib/printers/kind";

/** Connection settings after decryption; only the worker ever holds these. */
export interface PrusaLinkConnection {
  kind: "prusalink";
  host: string;
  httpPort: number;
  username: string | null;
  password: string | null;
  apiKey: string | null;
  model: string;
}

const fields = {
  name: printerNameSchema,
  kind: z.literal("prusalink"),
  host: hostSchema,
  httpPort: portSchema.optional(),
  /** HTTP Digest user; "maker" on Buddy firmware. */
  username: usernameSchema.optional(),
  password: secretSchema.optional(),
  apiKey: secretSchema.optional(),
  model: modelSchema.optional(),
  location: locationSchema.optional(),
};

function checkAuth(input: { password?: string; apiKey?: string }, ctx: z.RefinementCtx): void {
  if (!input.password && !input.apiKey) {
    ctx.addIssue({ code: "custom", path: ["password"], message: "password (HTTP Digest) or apiKey is required" });
  }
}

/** Digest user and password, or an API key (older firmware); Buddy firmware's user is "maker". */
function secretsOf(input: { username?: string; password?: string; apiKey?: string }) {
  return {
    ...(input.password ? { username: input.username ?? "maker", password: input.password } : {}),
    ...(input.apiKey ? { apiKey: input.apiKey } : {}),
  };
}

const createSchema = z.strictObject(fields).superRefine(checkAuth);

const testSchema = z
  .strictObject({ ...fields, name: printerNameSchema.optional(), printerId: savedPrinterIdSchema.optional() })
  .superRefine((input, ctx) => {
    if (!input.printerId) checkAuth(input, ctx);
  });

const defaultPorts = { mqttPort: null, ftpPort: null, cameraPort: null, httpPort: 80 } as const;

export const prusaLinkKind = {
  kind: "prusalink",
  models: ["Core One", "MK4", "MK4S", "MK3.9", "XL", "MINI"],
  // PrusaSlicer's `printer_model` of its Prusa profiles (input-shaper and MMU3 variants included).
  slicerModelIds: {
    "Core One": ["COREONE"],
    MK4: ["MK4", "MK4IS", "MK4ISMMU3"],
    MK4S: ["MK4S", "MK4SMMU3"],
    "MK3.9": ["MK3.9", "MK3.9MMU3"],
    XL: ["XL", "XLIS", "XL2IS", "XL3IS", "XL4IS", "XL5IS"],
    MINI: ["MINI", "MINIIS"],
  },
  defaultPorts,
  mainPort: "httpPort",
  // Plain and binary G-code; PrusaLink never prints 3MF.
  printableTypes: ["gcode", "bgcode"],
  // The USB stick, the storage every PrusaLink printer has.
  uploadFolder: "/usb",
  columns: ["httpPort"],
  secretFields: ["username", "password", "apiKey"],
  identityFields: ["host", "httpPort"],
  requiredSecret: "password",
  testFailureFields: { dns: "host", tcp: "host", timeout: "host", auth: "password" },
  capabilities: new Set<DriverCapability>(["camera", "thumbnails", "fileSizes"]),
  alertKeys: { filamentRunout: [], attention: ["prusalink.attention"] },
  createSchema,
  testSchema,
  patchFields: {
    httpPort: portSchema.nullable().optional(),
    username: usernameSchema.optional(),
    password: secretSchema.optional(),
    apiKey: secretSchema.optional(),
  },
  form: {
    fields: [
      { control: "port", name: "httpPort", testId: "form-http-port", hint: "httpPortHint", advanced: false },
      { control: "text", name: "username", testId: "form-username", hint: "usernameHint" },
      { control: "secret", name: "password", testId: "form-password", hint: "passwordHint", autoComplete: "new-password", hintWhenEditing: "secretKeep" },
      { control: "secret", name: "apiKey", testId: "form-api-key", hint: "apiKeyHint", autoComplete: "off" },
    ],
  },
  secretsOf,
  patchSecretsSchema: z
    .object({ username: usernameSchema.optional(), password: secretSchema.optional(), apiKey: secretSchema.optional() })
    .superRefine(checkAuth)
    .transform(secretsOf),
  connectionOf(row, secrets): PrusaLinkConnection {
    return {
      kind: "prusalink",
      host: row.host,
      httpPort: row.httpPort ?? defaultPorts.httpPort,
      username: secrets.password ? (secrets.username ?? "maker") : null,
      password: secrets.password ?? null,
      apiKey: secrets.apiKey ?? null,
      model: row.model,
    };
  },
  secretValues: (connection: PrusaLinkConnection) => [connection.password, connection.apiKey],
} as const satisfies PrinterKindDescriptor<"prusalink", PrusaLinkConnection>;
