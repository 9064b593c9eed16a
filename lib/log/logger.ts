import pino from "pino";

/**
 * One JSON-lines logger for web, worker, CLI and simulators. The level comes from
 * LOG_LEVEL, and per module from LOG_LEVEL_<MODULE> (e.g. LOG_LEVEL_BAMBU=debug).
 * Secrets are redacted by path so a careless `log.info({ printer })` cannot leak them.
 */
const root = pino({
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
});

export type Logger = pino.Logger;

export function logger(module: string, bindings: Record<string, unknown> = {}): Logger {
  const envLevel = process.env[`LOG_LEVEL_${module.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`];
  const child = root.child({ module, ...bindings });
  if (envLevel) child.level = envLevel;
  return child;
}
