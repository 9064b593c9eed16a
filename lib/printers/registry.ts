import { bambuKind } from "./bambu/kind";
import type { ConnectionColumn, DefaultPorts } from "./fields";
import type { DriverCapability, PrinterKindDescriptor } from "./kind";
import { prusaLinkKind } from "./prusalink/kind";

/**
 * The one table of printer kinds: one line per kind. Pure data (zod, no I/O), so the
 * browser may read it; drivers load through ./drivers.ts, in the worker only.
 */
export const printerKindRegistry = {
  bambu: bambuKind,
  prusalink: prusaLinkKind,
} as const;

export type PrinterKind = keyof typeof printerKindRegistry;
export type KindDescriptor = (typeof printerKindRegistry)[PrinterKind];
/** A kind's connection settings after decryption; only the worker ever holds these. */
export type PrinterConnection = ReturnType<KindDescriptor["connectionOf"]>;

export const printerKinds = Object.keys(printerKindRegistry) as [PrinterKind, ...PrinterKind[]];
export const kindDescriptors: readonly KindDescriptor[] = Object.values(printerKindRegistry);

export function isPrinterKind(value: string): value is PrinterKind {
  return Object.hasOwn(printerKindRegistry, value);
}

export function descriptorOf(kind: PrinterKind): KindDescriptor {
  return printerKindRegistry[kind];
}

/** `kind` as stored (a string): its descriptor, or undefined for a kind this build does not know. */
export function findDescriptor(kind: string): KindDescriptor | undefined {
  return isPrinterKind(kind) ? printerKindRegistry[kind] : undefined;
}

/** The descriptor of a connection's kind, typed for that connection (the table pairs each kind with its own). */
export function descriptorFor<C extends PrinterConnection>(connection: C): PrinterKindDescriptor<C["kind"], C> {
  return printerKindRegistry[connection.kind] as unknown as PrinterKindDescriptor<C["kind"], C>;
}

/** `kind` as stored: whether its printers have the ability; unknown kinds have none. */
export function hasCapability(kind: string, capability: DriverCapability): boolean {
  return findDescriptor(kind)?.capabilities.has(capability) ?? false;
}

/** `kind` as stored: whether its printers use the connection column; unknown kinds use none. */
export function usesColumn(kind: string, column: ConnectionColumn): boolean {
  return findDescriptor(kind)?.columns.some((c) => c === column) ?? false;
}

export function defaultPorts(kind: PrinterKind): DefaultPorts {
  return printerKindRegistry[kind].defaultPorts;
}

export type { DriverTuning } from "./drivers";
