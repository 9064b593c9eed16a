import type { PrinterError } from "@/lib/printers/types";

/**
 * Bambu's two error channels: `hms` entries ({attr, code}, shown by Bambu as
 * HMS_AAAA_BBBB_CCCC_DDDD) and the single `print_error` integer (shown as 0x03008015).
 * Only a few well-known codes get a message key; every other code is passed on as the
 * bare code, which Bambu's wiki documents.
 */

type Severity = PrinterError["severity"];

function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, "0");
}

/** Splits a value into its high and low 16 bits (values are unsigned 32-bit). */
function halves(value: number): [number, number] {
  const unsigned = ((Math.trunc(value) % 0x1_0000_0000) + 0x1_0000_0000) % 0x1_0000_0000;
  return [Math.floor(unsigned / 0x1_0000), unsigned % 0x1_0000];
}

export function hmsCode(attr: number, code: number): string {
  const [a, b] = halves(attr);
  const [c, d] = halves(code);
  return `HMS_${hex4(a)}_${hex4(b)}_${hex4(c)}_${hex4(d)}`;
}

/** The high half of `code` is the level Bambu assigns: 1 fatal, 2 serious, 3 common, 4 info. */
export function hmsSeverity(code: number): Severity {
  const [level] = halves(code);
  const byLevel: Record<number, Severity> = { 1: "fatal", 2: "error", 3: "warning", 4: "info" };
  return byLevel[level] ?? "warning";
}

interface HmsRule {
  pattern: RegExp;
  messageKey: string;
}

/** Matched against "AAAA_BBBB_CCCC_DDDD"; AMS codes carry the unit (07UU) and slot (2S00). */
const hmsRules: readonly HmsRule[] = [
  { pattern: /^070[0-3]_2[0-3]00_0002_0001$/, messageKey: "bambu.amsFilamentRunout" },
  { pattern: /^07FF_2000_0002_0001$/, messageKey: "bambu.externalFilamentRunout" },
  { pattern: /^070[0-3]_000[1-4]_0002_0002$/, messageKey: "bambu.amsFilamentTangled" },
  { pattern: /^0300_0D00_000[12]_000[3-9A]$/, messageKey: "bambu.buildPlateNotPlaced" },
  { pattern: /^0300_0200_0001_000[1-9]$/, messageKey: "bambu.nozzleTemperatureMalfunction" },
  { pattern: /^0C00_0300_0003_0007$/, messageKey: "bambu.firstLayerDefects" },
  { pattern: /^0C00_0300_0003_0008$/, messageKey: "bambu.spaghettiDetected" },
  { pattern: /^0500_0100_0003_000[4-6]$/, messageKey: "bambu.sdCardProblem" },
  { pattern: /^0500_0500_0001_0007$/, messageKey: "bambu.developerModeRequired" },
];

export function decodeHms(attr: number, code: number): PrinterError {
  const full = hmsCode(attr, code);
  const bare = full.slice("HMS_".length);
  const rule = hmsRules.find((candidate) => candidate.pattern.test(bare));
  return { code: full, messageKey: rule?.messageKey ?? null, text: null, severity: hmsSeverity(code) };
}

export function formatPrintError(value: number): string {
  const [high, low] = halves(value);
  return `0x${hex4(high)}${hex4(low)}`;
}

interface PrintErrorEntry {
  messageKey: string;
  severity: Severity;
}

/** Keyed by the 8 hex digits. 03008015 is the A1's runout pause, 03008004 the P1's. */
const printErrors: Readonly<Record<string, PrintErrorEntry>> = {
  "03008015": { messageKey: "bambu.filamentRunout", severity: "warning" },
  "03008004": { messageKey: "bambu.filamentRunout", severity: "warning" },
  "0300400C": { messageKey: "bambu.printCancelled", severity: "info" },
  "0500400E": { messageKey: "bambu.printCancelled", severity: "info" },
  "03008013": { messageKey: "bambu.pausedByUser", severity: "info" },
  "03008001": { messageKey: "bambu.pausedByGcode", severity: "info" },
  "03008000": { messageKey: "bambu.pausedUnknownReason", severity: "warning" },
  "03004006": { messageKey: "bambu.nozzleClogged", severity: "error" },
  "03008016": { messageKey: "bambu.nozzleClogged", severity: "warning" },
  "03008014": { messageKey: "bambu.nozzleCovered", severity: "warning" },
  "0300800E": { messageKey: "bambu.printFileUnavailable", severity: "error" },
  "05008013": { messageKey: "bambu.printFileUnavailable", severity: "error" },
  "0500C010": { messageKey: "bambu.sdCardProblem", severity: "warning" },
  "03008003": { messageKey: "bambu.spaghettiDetected", severity: "warning" },
  "0300800F": { messageKey: "bambu.doorOpen", severity: "warning" },
  "03008017": { messageKey: "bambu.foreignObjectOnBed", severity: "warning" },
  "03008019": { messageKey: "bambu.buildPlateNotPlaced", severity: "warning" },
  "03004002": { messageKey: "bambu.bedLevelingFailed", severity: "error" },
  "03004000": { messageKey: "bambu.homingFailed", severity: "error" },
  "03004009": { messageKey: "bambu.homingFailed", severity: "error" },
  "03008008": { messageKey: "bambu.nozzleTemperatureMalfunction", severity: "error" },
  "03008009": { messageKey: "bambu.bedTemperatureMalfunction", severity: "error" },
  "05004004": { messageKey: "bambu.printerBusy", severity: "warning" },
  "05004006": { messageKey: "bambu.storageFull", severity: "error" },
  "05004015": { messageKey: "bambu.storageFull", severity: "error" },
  "05004003": { messageKey: "bambu.printFileUnreadable", severity: "error" },
};

/** Print errors that only say "the task was cancelled" (from the screen, app or us). */
const cancelCodes: ReadonlySet<number> = new Set([0x0300400c, 0x0500400e]);

export function isCancelCode(value: number): boolean {
  return cancelCodes.has(value);
}

/** Pause-type codes (0300_8xxx) wait for the user; 0300_4xxx and 0500_4xxx stop the task. */
function defaultPrintErrorSeverity(hex: string): Severity {
  if (hex.startsWith("03008") || hex.startsWith("0500C")) return "warning";
  return "error";
}

export function decodePrintError(value: number): PrinterError | null {
  if (!Number.isFinite(value) || value === 0) return null;
  const code = formatPrintError(value);
  const hex = code.slice(2);
  const entry = printErrors[hex];
  return {
    code,
    messageKey: entry?.messageKey ?? null,
    text: null,
    severity: entry?.severity ?? defaultPrintErrorSeverity(hex),
  };
}

/** Every message key this driver can produce, for the owners of the message files. */
export const bambuErrorMessageKeys: readonly string[] = [
  ...new Set([...hmsRules.map((rule) => rule.messageKey), ...Object.values(printErrors).map((entry) => entry.messageKey)]),
];
