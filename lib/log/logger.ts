import pino from "pino";
import { parseAge, parseSize, RotatingFile } from "./rotating-file";

/**
 * The process's role for the log file name: web and worker in one container must not
 * rotate the same file.
 */
function processRole(): string {
  const script = process.argv[1] ?? "";
  if (/worker[\\/]main/.test(script)) return "worker";
  if (/cli[\\/]main/.test(script)) return "cli";
  return "web";
}

/**
 * Where log lines go: LOG_DEST is `stdout` (default), `stderr` (for programs whose stdout
 * carries their output, like `npm run sim -- --json`) or a file path (appended, not
 * rotated). Null means pino's own stdout stream.
 */
function mainDestination(): pino.DestinationStream | null {
  const dest = process.env.LOG_DEST?.trim();
  if (!dest || dest === "stdout") return null;
  if (dest === "stderr") return pino.destination({ fd: 2, sync: true });
  return pino.destination({ dest, sync: true, mkdir: true, append: true });
}

/**
 * With LOG_FILE, LOG_DEST's stream plus a file rotated by size (LOG_FILE_MAX_SIZE,
 * default 10m) and age (LOG_FILE_MAX_AGE, default 1d), keeping LOG_FILE_MAX_FILES
 * (default 7) old files. "{role}" in LOG_FILE becomes web, worker or cli.
 */
function destination(): pino.DestinationStream | null {
  const main = mainDestination();
  const file = process.env.LOG_FILE?.trim();
  if (!file) return main;
  const rotating = new RotatingFile({
    file: file.replace("{role}", processRole()),
    maxBytes: parseSize(process.env.LOG_FILE_MAX_SIZE ?? "10m"),
    maxAgeMs: parseAge(process.env.LOG_FILE_MAX_AGE ?? "1d"),
    maxFiles: Number(process.env.LOG_FILE_MAX_FILES ?? 7),
  });
  // The logger's own level filters; the streams take whatever it lets through.
  return pino.multistream([
    { level: "trace", stream: main ?? pino.destination({ fd: 1, sync: true }) },
    { level: "trace", stream: rotating },
  ]);
}

/**
 * One JSON-lines logger for web, worker, CLI and simulators. The level comes from
 * LOG_LEVEL, and per module from LOG_LEVEL_<MODULE> (e.g. LOG_LEVEL_BAMBU=debug).
 * Secrets are redacted by path so a careless `log.info({ printer })` cannot leak them.
 * Lines carry `requestId` (API) and `printerId` (printer sessions) as bindings.
 */
const options: pino.LoggerOptions = {
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: [
      "*.password",
      "*.accessCode",
      "*.apiKey",
      "*.token",
      "*.secret",
      "*.credentials",
      "*.authorization",
      "password",
      "accessCode",
      "apiKey",
      "token",
      "credentials",
      "req.headers.authorization",
      "req.headers.cookie",
    ],
    censor: "[redacted]",
  },
};
const stream = destination();
const root = stream ? pino(options, stream) : pino(options);

export type Logger = pino.Logger;

export function logger(module: string, bindings: Record<string, unknown> = {}): Logger {
  const envLevel = process.env[`LOG_LEVEL_${module.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`];
  const child = root.child({ module, ...bindings });
  if (envLevel) child.level = envLevel;
  return child;
}
