import { readFile } from "node:fs/promises";
import { audit, systemActor } from "@/lib/audit/audit";
import { addFileKey, loadKeyring } from "@/lib/crypto/keyring";
import { resealChannelSecrets } from "@/lib/alerts/notification-channels";
import { reencryptAllCredentials } from "./credentials";
import { connectionColumnNames, portFields, secretFieldNames } from "./fields";
import { createPrinter, listPrinters } from "./repository";
import { createPrinterSchema, type PrinterView } from "./schemas";

/**
 * `printer:add`, `printer:list`, `keys:rotate`: the same rules as the API, with the
 * system as the audited actor. Flags are the API's fields in kebab case.
 */

export const printerAddOptions = {
  name: { type: "string" },
  kind: { type: "string" },
  host: { type: "string" },
  model: { type: "string" },
  location: { type: "string" },
  serial: { type: "string" },
  "access-code": { type: "string" },
  "mqtt-port": { type: "string" },
  "ftp-port": { type: "string" },
  "camera-port": { type: "string" },
  tls: { type: "string" },
  "ca-cert-file": { type: "string" },
  "http-port": { type: "string" },
  username: { type: "string" },
  password: { type: "string" },
  "api-key": { type: "string" },
} as const;

type Flags = Record<string, string | boolean | undefined>;

function text(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === "string" ? value : undefined;
}

/** Numbers stay strings when they are not numbers, so validation names the flag. */
function port(flags: Flags, name: string): number | string | undefined {
  const value = text(flags, name);
  if (value === undefined) return undefined;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export async function addPrinterCommand(flags: Flags): Promise<PrinterView> {
  const caFile = text(flags, "ca-cert-file");
  const kindFields = [...connectionColumnNames, ...secretFieldNames].filter((field) => field !== "caCert");
  const input = Object.fromEntries(
    Object.entries({
      name: text(flags, "name"),
      kind: text(flags, "kind"),
      host: text(flags, "host"),
      model: text(flags, "model"),
      location: text(flags, "location"),
      ...Object.fromEntries(kindFields.map((field) => [field, portFields.some((p) => p === field) ? port(flags, kebab(field)) : text(flags, kebab(field))])),
      caCert: caFile ? await readFile(caFile, "utf8") : undefined,
    }).filter(([, value]) => value !== undefined),
  );
  const parsed = createPrinterSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `--${kebab(issue.path.map(String).join("."))}: ${issue.message}`);
    throw new Error(`invalid printer: ${issues.join("; ")}`);
  }
  return createPrinter(parsed.data, { actor: systemActor });
}

function kebab(field: string): string {
  const flag = field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return flag === "ca-cert" ? "ca-cert-file" : flag;
}

export async function listPrintersCommand(): Promise<string[][]> {
  const printers = await listPrinters();
  return [
    ["ID", "NAME", "KIND", "HOST", "MODEL", "ENABLED", "STATE"],
    ...printers.map((p) => [
      p.id,
      p.name,
      p.kind,
      p.host,
      p.model,
      p.enabled ? "yes" : "no",
      p.live ? `${p.live.state}${p.live.online ? "" : " (offline)"}` : "-",
    ]),
  ];
}

/**
 * Key file setups get a new key first; with PRINTERNIZER_SECRET_KEY the operator has
 * already set the new secret (the old one in PRINTERNIZER_SECRET_KEY_PREVIOUS).
 */
export async function rotateKeysCommand(): Promise<{ printers: number; channels: number; keyId: string; unreadable: string[] }> {
  if (!process.env.PRINTERNIZER_SECRET_KEY) await addFileKey();
  else await loadKeyring();
  const result = await reencryptAllCredentials(systemActor);
  // The notification channels' secrets (webhook URL, SMTP password) are sealed with the same keys.
  const channels = await resealChannelSecrets();
  await audit({ actor: systemActor, action: "keys.rotated", details: { printers: result.printers, channels, keyId: result.keyId, unreadable: result.unreadable } });
  return { ...result, channels };
}
