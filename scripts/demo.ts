/**
 * `npm run demo`: Printernizer with simulated printers, for trying it without hardware.
 * Starts a fleet (default 1 Bambu A1 + 1 Prusa Core One; `--bambu N --prusa M`), registers
 * its printers (replacing the credentials of demo printers from an earlier run, since the
 * simulators mint new ones on every start), then runs the product as `npm start` does.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { systemActor } from "@/lib/audit/audit";
import { dataDir } from "@/lib/config/env";
import { closeDb, db } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { logger } from "@/lib/log/logger";
import { createPrinter, updatePrinter } from "@/lib/printers/repository";
import type { CreatePrinterInput } from "@/lib/printers/schemas";
import { startFleet, type FleetPrinter } from "@/sim/fleet";

const log = logger("demo");

function registration(p: FleetPrinter): CreatePrinterInput {
  if (p.kind === "bambu") {
    return {
      name: p.name,
      kind: "bambu",
      host: p.host,
      serial: p.serial,
      accessCode: p.accessCode ?? "",
      model: p.model,
      mqttPort: p.mqttPort ?? undefined,
      ftpPort: p.ftpPort ?? undefined,
      cameraPort: p.cameraPort ?? undefined,
      tls: "custom-ca",
      caCert: p.caCert ?? undefined,
      location: "Demo",
    };
  }
  return {
    name: p.name,
    kind: "prusalink",
    host: p.host,
    httpPort: p.httpPort ?? undefined,
    username: p.username ?? undefined,
    password: p.password ?? undefined,
    model: p.model,
    location: "Demo",
  };
}

async function register(printers: FleetPrinter[]): Promise<void> {
  const ctx = { actor: systemActor };
  for (const p of printers) {
    const input = registration(p);
    const existing = await db.printer.findUnique({ where: { name: p.name }, select: { id: true } });
    if (!existing) {
      await createPrinter(input, ctx);
      continue;
    }
    const { name: _name, kind: _kind, ...patch } = input;
    await updatePrinter(existing.id, { ...patch, enabled: true }, ctx);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { bambu: { type: "string", default: "1" }, prusa: { type: "string", default: "1" } },
    strict: true,
  });
  const counts = z
    .object({ bambu: z.coerce.number().int().min(0).max(100), prusa: z.coerce.number().int().min(0).max(100) })
    .parse(values);

  await applyMigrations();
  const fleet = await startFleet({ ...counts, dataDir: path.join(dataDir(), "demo-printers"), autoPrint: true });
  await register(fleet.printers);
  await closeDb();
  log.info({ printers: fleet.printers.map((p) => `${p.name} @ ${p.host}`) }, "demo printers registered");

  const product = spawn(process.execPath, [path.join(import.meta.dirname, "start.mjs")], { stdio: "inherit", env: process.env });
  const forward = (signal: NodeJS.Signals) => product.kill(signal);
  process.on("SIGTERM", forward);
  process.on("SIGINT", forward);
  product.on("exit", (code) => {
    void fleet.close().finally(() => process.exit(code ?? 0));
  });
}

main().catch((err: unknown) => {
  log.fatal({ err }, "demo failed to start");
  process.exit(1);
});
