/**
 * `npm run sim`: starts a fleet of simulated printers until SIGTERM/SIGINT.
 *   --bambu N --prusa M   how many of each (default 1 and 1)
 *   --json                print the printer list as one JSON document on stdout
 *   --data-dir DIR        keep storage and the CA in DIR (default: a temp folder)
 *   --base-host IP        first loopback address (default 127.0.0.10)
 *   --print-seconds S     length of every simulated print (default 600)
 *   --no-auto-print       do not start prints on their own
 *   --ephemeral-ports     do not try the printers' real ports first
 */
import { parseArgs } from "node:util";
import { z } from "zod";

// stdout carries only the printer list, logs go to stderr. The logger reads LOG_DEST when
// it is first imported: through ./fleet, which main() imports after this line ran.
process.env.LOG_DEST ??= "stderr";

const flagsSchema = z.object({
  bambu: z.coerce.number().int().min(0).max(100),
  prusa: z.coerce.number().int().min(0).max(100),
  json: z.boolean(),
  dataDir: z.string().optional(),
  baseHost: z.string().optional(),
  printSeconds: z.coerce.number().positive().optional(),
  autoPrint: z.boolean(),
  ephemeralPorts: z.boolean(),
});

function readFlags() {
  const { values } = parseArgs({
    options: {
      bambu: { type: "string", default: "1" },
      prusa: { type: "string", default: "1" },
      json: { type: "boolean", default: false },
      "data-dir": { type: "string" },
      "base-host": { type: "string" },
      "print-seconds": { type: "string" },
      "no-auto-print": { type: "boolean", default: false },
      "ephemeral-ports": { type: "boolean", default: false },
    },
    strict: true,
  });
  return flagsSchema.parse({
    bambu: values.bambu,
    prusa: values.prusa,
    json: values.json,
    dataDir: values["data-dir"],
    baseHost: values["base-host"],
    printSeconds: values["print-seconds"],
    autoPrint: !values["no-auto-print"],
    ephemeralPorts: values["ephemeral-ports"],
  });
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd()).join("\n") + "\n";
}

async function main(): Promise<void> {
  const flags = readFlags();
  const { startFleet } = await import("./fleet");
  const fleet = await startFleet({
    bambu: flags.bambu,
    prusa: flags.prusa,
    dataDir: flags.dataDir,
    baseHost: flags.baseHost,
    printSeconds: flags.printSeconds,
    autoPrint: flags.autoPrint,
    defaultPorts: !flags.ephemeralPorts,
  });
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(fleet.printers, null, 2)}\n`);
  } else {
    const rows = [["NAME", "MODEL", "HOST", "PORTS", "SERIAL", "LOGIN"]];
    for (const p of fleet.printers) {
      rows.push(
        p.kind === "bambu"
          ? [p.name, p.model, p.host, `mqtt ${p.mqttPort} ftps ${p.ftpPort}${p.cameraPort === null ? "" : ` cam ${p.cameraPort}`}`, p.serial, `access code ${p.accessCode}`]
          : [p.name, p.model, p.host, `http ${p.httpPort}`, p.serial, `${p.username} / ${p.password}`],
      );
    }
    process.stdout.write(table(rows));
    process.stdout.write(`\nBambu CA certificate: ${fleet.caCertPath}\nStop with Ctrl+C.\n`);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping simulators\n`);
    fleet.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`failed to stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
