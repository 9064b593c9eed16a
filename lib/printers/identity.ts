import { portFields, type ConnectionColumn, type PortField, type SecretField } from "./fields";
import type { PrinterKindDescriptor } from "./kind";

/**
 * Where a printer's secrets go: its host, ports, TLS mode and certificate, as the kind's
 * descriptor lists them in `identityFields`. A secret was given for one such place; sent
 * anywhere else it must be typed again, never taken from storage. Pure, for the API, the
 * worker and the form alike.
 */

export type IdentityField = "host" | ConnectionColumn;
export type IdentityValues = Partial<Record<IdentityField, string | number | null | undefined>>;

/** The issue code of a missing secret after a change of identity. */
export const SECRET_REQUIRED = "secret_required";

function isPort(field: IdentityField): field is PortField {
  return (portFields as readonly string[]).includes(field);
}

function effective(descriptor: PrinterKindDescriptor, field: IdentityField, value: string | number | null | undefined): string | number | null {
  if (isPort(field)) return value ?? descriptor.defaultPorts[field];
  if (typeof value === "string") return field === "host" ? value.trim().toLowerCase() : value.trim();
  return value ?? null;
}

/**
 * The identity fields `candidate` changes against `saved`; an undefined candidate value
 * keeps the saved one. A certificate the saved side does not know (undefined, as in the
 * browser) counts as changed whenever one is given.
 */
export function identityChanges(descriptor: PrinterKindDescriptor, saved: IdentityValues, candidate: IdentityValues): IdentityField[] {
  return descriptor.identityFields.filter((field) => {
    const next = candidate[field];
    if (next === undefined) return false;
    if (field === "caCert" && saved.caCert === undefined) return next !== null && next !== "";
    return effective(descriptor, field, next) !== effective(descriptor, field, saved[field]);
  });
}

/** Whether `input` carries a full set of the kind's secrets (what a PATCH may replace them with). */
export function hasSecrets(descriptor: PrinterKindDescriptor, input: Partial<Record<SecretField, unknown>>): boolean {
  const given = Object.fromEntries(descriptor.secretFields.flatMap((name) => (typeof input[name] === "string" && input[name] !== "" ? [[name, input[name]]] : [])));
  return descriptor.patchSecretsSchema.safeParse(given).success;
}

/** The issue of a change of identity without its secret, or null when none is needed. */
export function secretRequiredIssue(
  descriptor: PrinterKindDescriptor,
  saved: IdentityValues,
  candidate: IdentityValues & Partial<Record<SecretField, unknown>>,
): { path: SecretField; code: typeof SECRET_REQUIRED; message: string } | null {
  const changed = identityChanges(descriptor, saved, candidate);
  if (changed.length === 0 || hasSecrets(descriptor, candidate)) return null;
  return { path: descriptor.requiredSecret, code: SECRET_REQUIRED, message: `type the secret again: ${changed.join(", ")} changed` };
}
