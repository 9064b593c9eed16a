import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Runs real request handling and the worker-side business hook in a child process
 * with logging on, and reads every log line it wrote: no client address, printer
 * access code or serial number may appear.
 */

const root = path.resolve(import.meta.dirname, "../..");
const CLIENT_IP = "198.51.100.77";
const ACCESS_CODE = "87654321";
const SERIAL = "01P00A123456789";

const script = `
import { withApi } from "@/lib/auth/with-api";
import { defineRoute } from "@/lib/api/route-spec";
import { call, testRequest } from "@/testing/api/requests";
import { logger } from "@/lib/log/logger";
import { applyMigrations } from "@/lib/db/migrate";
import { db } from "@/lib/db";
import { onJobFinished } from "@/lib/business/on-job-finished";
import { hashSerial } from "@/lib/compliance/pseudonym";

await applyMigrations();
const spec = defineRoute({ permission: null, openapi: { method: "GET", path: "/api/probe", summary: "probe" } });
const failing = withApi(async () => { throw new Error("boom"); }, spec);
await call(failing, testRequest("GET", "/api/probe", { headers: { "x-forwarded-for": "${CLIENT_IP}" } }));
await call(failing, testRequest("POST", "/api/probe", { headers: { "x-forwarded-for": "${CLIENT_IP}", origin: "http://evil.example" } }));
const printer = await db.printer.create({ data: { name: "A1", kind: "bambu", host: "127.0.0.1", model: "A1", serial: "${SERIAL}", credentials: JSON.stringify({ accessCode: "${ACCESS_CODE}" }) } });
logger("probe").info({ printer: { id: printer.id, serial: hashSerial(printer.serial ?? ""), credentials: printer.credentials }, accessCode: "${ACCESS_CODE}" }, "printer");
const job = await db.job.create({ data: { printerId: printer.id, name: "x", status: "printing", startedAt: new Date() } });
await onJobFinished(job.id);
await db.$disconnect();
`;

describe("logs", () => {
  it("never contain a raw client address, a printer credential or a serial number", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "printernizer-logs-"));
    try {
      const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        cwd: root,
        env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "trace", PRINTERNIZER_DATA_DIR: dir, DATABASE_URL: `file:${path.join(dir, "db.sqlite")}` },
        encoding: "utf8",
        timeout: 25_000,
      });
      const lines = output.split("\n").filter(Boolean);
      expect(lines.some((line) => line.includes('"unhandled api error"'))).toBe(true);
      expect(lines.some((line) => line.includes('"job cost not computed"'))).toBe(true);
      expect(lines.some((line) => line.includes('"sn_'))).toBe(true);
      for (const line of lines) {
        expect(line).not.toContain(CLIENT_IP);
        expect(line).not.toContain(ACCESS_CODE);
        expect(line).not.toContain(SERIAL);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
