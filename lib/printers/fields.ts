import { z } from "zod";

/**
 * Field schemas every printer kind shares, and the connection columns of the `Printer`
 * table. Free of kind knowledge, so the kinds' descriptors and the API schemas can both
 * build on it.
 */

export const printerNameSchema = z.string().trim().min(1).max(80);
/** A host name whose labels are all digits would be read as a (broken) IPv4 address: "192.168.1.300" is refused. */
const dnsNameSchema = z.hostname().refine((host) => !/^[0-9.]+$/.test(host), "not a valid IPv4 address");
export const hostSchema = z.string().trim().min(1).max(253).pipe(z.union([z.ipv4(), z.ipv6(), dnsNameSchema]));
export const portSchema = z.number().int().min(1).max(65535);
export const locationSchema = z.string().trim().max(120);
export const modelSchema = z.string().trim().min(1).max(40);
export const secretSchema = z.string().min(1).max(256);
export const usernameSchema = z.string().trim().min(1).max(64);
export const tlsModes = ["verify", "custom-ca", "insecure"] as const;
export type TlsMode = (typeof tlsModes)[number];
export const caCertSchema = z
  .string()
  .max(64 * 1024)
  .refine((pem) => /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(pem), "must be a PEM certificate");
export const savedPrinterIdSchema = z.string().min(1).max(64);

/** The port columns of a printer; a kind that does not use one has null as its default. */
export const portFields = ["mqttPort", "ftpPort", "cameraPort", "httpPort"] as const;
export type PortField = (typeof portFields)[number];
export type DefaultPorts = Record<PortField, number | null>;

/** Connection columns of the `Printer` table beyond name, host, model and location. */
export const connectionColumnNames = ["serial", ...portFields, "tls", "caCert"] as const;
export type ConnectionColumn = (typeof connectionColumnNames)[number];

/** Every secret any kind keeps; stored sealed in `Printer.credentials`. */
export const secretFieldNames = ["accessCode", "username", "password", "apiKey"] as const;
export type SecretField = (typeof secretFieldNames)[number];

export const printerSecretsSchema = z.strictObject({
  accessCode: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  apiKey: z.string().optional(),
});
export type PrinterSecrets = z.infer<typeof printerSecretsSchema>;

/** A stored printer's connection columns, as read from the database. */
export interface StoredConnection {
  host: string;
  model: string;
  serial: string | null;
  mqttPort: number | null;
  ftpPort: number | null;
  cameraPort: number | null;
  httpPort: number | null;
  tls: string;
  caCert: string | null;
}
