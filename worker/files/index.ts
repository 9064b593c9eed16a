import { db } from "@/lib/db";
import { filesConfig } from "@/lib/files/settings";
import { canStartPrint } from "@/lib/printers/startable";
import type { CommandRunner } from "@/worker/command-runner";
import { CommandRefused } from "@/worker/printers/session";
import type { PrinterSupervisor } from "@/worker/printers/supervisor";
import type { WorkerService } from "@/worker/services";
import { DownloadQueue } from "./download-queue";
import { FileSync } from "./file-sync";
import { Housekeeping } from "./housekeeping";
import type { PrinterAccess } from "./printer-access";
import { uploadToPrinter } from "./upload";
import { deleteOnPrinter } from "./delete";

/** The supervisor's sessions as the file services see them. */
export function supervisorAccess(supervisor: PrinterSupervisor): PrinterAccess {
  const online = (id: string) => {
    const session = supervisor.session(id);
    return session && session.current().online ? session : undefined;
  };
  return {
    driver: (id) => online(id)?.fileDriver(),
    printerIds: async () => {
      const rows = await db.printer.findMany({ where: { deletedAt: null, enabled: true }, select: { id: true } });
      return rows.map((r) => r.id).filter((id) => supervisor.session(id) !== undefined);
    },
    canStart: (id) => canStartPrint(supervisor.session(id)?.current()),
    kind: (id) => supervisor.session(id)?.printer.kind,
    startPrint: async (id, path, { plate, amsMapping }) => {
      const session = online(id);
      if (!session) throw new CommandRefused("command.notConnected");
      await session.command({ action: "start", path, plate, amsMapping });
    },
  };
}

/**
 * The worker's file services (listing, download queue, housekeeping) and their
 * commands. Started after the printer supervisor: they use its drivers.
 */
export function fileServices(printers: PrinterAccess, commands: CommandRunner): WorkerService[] {
  const config = filesConfig();
  const queue = new DownloadQueue(printers, { root: config.root, maxDownloads: config.maxDownloads, perPrinter: config.perPrinter });
  const sync = new FileSync(printers, { root: config.root, syncMs: config.syncMs, queued: () => queue.kick() });
  const housekeeping = new Housekeeping(config);
  commands.register("files.sync", async (_payload, ctx) => {
    if (!ctx.printerId) throw new CommandRefused("command.notConnected");
    const counts = await sync.sync(ctx.printerId);
    queue.kick();
    return counts;
  });
  commands.register("files.cancel", async ({ downloadId }) => ({ cancelled: await queue.cancel(downloadId) }));
  commands.register("files.upload", (payload, ctx) => uploadToPrinter(printers, config.root, ctx.printerId, payload));
  commands.register("files.delete", (payload, ctx) => deleteOnPrinter(printers, ctx.printerId, payload));
  return [sync, queue, housekeeping];
}
