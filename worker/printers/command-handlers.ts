import { connectionForTest, CredentialError, scrub, secretValues } from "@/lib/printers/credentials";
import { testPrinterConnection, type DriverTuning } from "@/lib/printers/drivers";
import type { ConnectionTestResult } from "@/lib/printers/schemas";
import type { CommandRunner } from "@/worker/command-runner";
import { CommandRefused, type PrinterSession } from "./session";
import type { PrinterSupervisor } from "./supervisor";

/**
 * The worker's answers to printer commands from the web. Each handler's result (or
 * its error, a message key) ends up in the Command row and the "command.finished"
 * event. The connection test is registered as sensitive: the command runner blanks its
 * payload, which carried the encrypted form, as soon as it ends.
 */

function sessionOf(supervisor: PrinterSupervisor, printerId: string | null): PrinterSession {
  const session = supervisor.session(printerId);
  if (!session) throw new CommandRefused("command.notConnected");
  return session;
}

export async function runConnectionTest(
  printerId: string | undefined,
  envelope: string | undefined,
  tuning: DriverTuning | undefined,
): Promise<ConnectionTestResult> {
  let connection;
  try {
    connection = await connectionForTest(printerId, envelope);
  } catch (error) {
    if (error instanceof CredentialError) {
      return { ok: false, stage: "auth", message: "command.missingCredentials", detail: null };
    }
    throw error;
  }
  const result = await testPrinterConnection(connection, tuning);
  if (result.ok || result.detail === null) return result;
  // Vendor error text is passed on for diagnosis; never with a secret in it.
  return { ...result, detail: scrub(result.detail, secretValues(connection)).slice(0, 300) };
}

export function registerPrinterCommands(runner: CommandRunner, supervisor: PrinterSupervisor, tuning?: DriverTuning): void {
  runner.register("printer.command", (payload, ctx) => sessionOf(supervisor, ctx.printerId).command(payload));

  runner.register("printer.test-connection", (payload) => runConnectionTest(payload.printerId, payload.connection, tuning), {
    sensitive: true,
  });

  runner.register("printer.snapshot", async (_payload, ctx) => {
    const frame = await sessionOf(supervisor, ctx.printerId).snapshot();
    if (!frame) return { camera: false };
    return { camera: true, jpeg: frame.toString("base64"), capturedAt: new Date().toISOString() };
  });
}
