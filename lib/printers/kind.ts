import type { z } from "zod";
import type { FileType } from "@/lib/files/schemas";
import type { ConnectionColumn, StoredConnection, DefaultPorts, PortField, PrinterSecrets, SecretField, TlsMode } from "./fields";
import type { ConnectionTestResult } from "./schemas";
import type { ConnectionStage, PrinterDriver } from "./types";

/**
 * What a printer kind tells the rest of Printernizer about itself. The descriptor is
 * pure data and pure functions (zod, no I/O), safe for the browser; the driver and the
 * connection probe sit in the kind's runtime, which only the worker loads, lazily.
 * See lib/printers/README.md for what a new kind provides.
 */

/** Optional abilities of a kind's driver, beyond the PrinterDriver basics. */
export const driverCapabilities = ["camera", "thumbnails", "fileSizes", "plates", "amsMapping"] as const;
export type DriverCapability = (typeof driverCapabilities)[number];

/** A stored or submitted connection a kind cannot use (missing serial, no credentials, …). */
export class CredentialError extends Error {
  override name = "CredentialError";
}

/** One input of the printer form; labels and hints are keys under "printers.form". */
export type FormField =
  | { control: "text"; name: "serial" | SecretField; testId: string; hint: string }
  | { control: "secret"; name: SecretField; testId: string; hint: string; autoComplete: "new-password" | "off"; hintWhenEditing?: string }
  | { control: "port"; name: PortField; testId: string; hint?: string; advanced: boolean }
  | { control: "tls"; name: "tls"; testId: string }
  | { control: "caCert"; name: "caCert"; testId: string };

export interface KindForm {
  fields: readonly FormField[];
  /** A message key shown below the kind's fields. */
  notice?: string;
}

/** A PATCH of a stored printer, with the stored values a kind's cross-field rules need. */
export interface PatchContext {
  current: { tls: string; caCert: string | null };
  patch: Partial<Record<ConnectionColumn | SecretField, unknown>> & { tls?: TlsMode; caCert?: string | null };
}

export interface PrinterKindDescriptor<K extends string = string, Connection extends { kind: K } = { kind: K }> {
  readonly kind: K;
  /** Models offered in the form (marketing names, as stored in Printer.model). */
  readonly models: readonly string[];
  /**
   * Per model, the ids a slicer writes into a file sliced for it (Bambu Studio's
   * `printer_model_id`, PrusaSlicer's `printer_model`): a file fits a printer when its
   * id is in the printer model's list.
   */
  readonly slicerModelIds: Readonly<Record<string, readonly string[]>>;
  readonly defaultPorts: DefaultPorts;
  /** The port shown beside the host where the printer's connection is described. */
  readonly mainPort: PortField;
  /** File types this kind can start. */
  readonly printableTypes: readonly FileType[];
  /** Where a file sent to the printer lands ("" is the storage root). */
  readonly uploadFolder: string;
  /** The Printer columns this kind uses beyond name, host, model and location. */
  readonly columns: readonly ConnectionColumn[];
  /** The secrets this kind keeps sealed in Printer.credentials. */
  readonly secretFields: readonly SecretField[];
  /** Where the secrets are sent (host, ports, TLS): changing one needs the secret typed again. */
  readonly identityFields: readonly ("host" | ConnectionColumn)[];
  /** The secret field named when it must be typed again. */
  readonly requiredSecret: SecretField;
  /** The form field a failed connection test is about, per stage (a port stands for "the host's port"). */
  readonly testFailureFields: Partial<Record<ConnectionStage, "host" | PortField | SecretField | "tls" | "caCert">>;
  readonly capabilities: ReadonlySet<DriverCapability>;
  /** Message keys of printer errors that raise the filament-runout and attention alerts. */
  readonly alertKeys: { readonly filamentRunout: readonly string[]; readonly attention: readonly string[] };
  /** POST /api/printers and `printer:add` for this kind. */
  readonly createSchema: z.ZodType;
  /** POST /api/printers/test-connection for this kind (credentials optional with a saved printer). */
  readonly testSchema: z.ZodType;
  /** PATCH fields of this kind (every one optional). */
  readonly patchFields: z.ZodRawShape;
  readonly form: KindForm;
  /** The secrets of a validated create (or test) input. */
  secretsOf(input: Partial<Record<SecretField, string>>): PrinterSecrets;
  /** PATCH: new secrets from the secret fields of a patch, or an error's issues. */
  readonly patchSecretsSchema: z.ZodType<PrinterSecrets>;
  /** PATCH: a kind's own rule across fields and stored values; returns the offending field. */
  checkPatch?(context: PatchContext): { path: string; message: string } | null;
  /** PATCH: columns a patch resets as a consequence (a CA no longer used). */
  resetOnPatch?(context: PatchContext): Partial<StoredConnection>;
  /** The worker's connection from a stored row and its opened secrets; throws CredentialError. */
  connectionOf(row: StoredConnection, secrets: PrinterSecrets): Connection;
  /** Secret values of a connection, to scrub from logs and responses. */
  secretValues(connection: Connection): readonly (string | null)[];
}

/** The worker side of a kind: loaded lazily so web bundles never pull protocol clients. */
export interface PrinterKindRuntime<Connection, Tuning> {
  createDriver(connection: Connection, tuning: Tuning): PrinterDriver;
  /** Never throws: a failure comes back as the stage it happened at and a message key. */
  probe(connection: Connection, tuning: Tuning): Promise<ConnectionTestResult>;
}
