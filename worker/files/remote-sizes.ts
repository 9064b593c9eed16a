import { db } from "@/lib/db";
import type { PrinterDriver } from "@/lib/printers/types";

/**
 * Asks the printer for the sizes its listing left out, a few per listing like the
 * thumbnails: one small request each, but the board serves one request at a time.
 */
export async function fetchMissingSizes(driver: PrinterDriver, printerId: string, limit = 20): Promise<number> {
  const fileSize = driver.fileSize?.bind(driver);
  if (!fileSize) return 0;
  const files = await db.printerFile.findMany({
    where: { printerId, goneAt: null, size: null },
    orderBy: { seenAt: "desc" },
    take: limit,
    select: { id: true, path: true },
  });
  let learnt = 0;
  for (const file of files) {
    const size = await fileSize(file.path).catch(() => null);
    if (size === null || !Number.isSafeInteger(size) || size < 0) continue;
    await db.printerFile.updateMany({ where: { id: file.id, size: null }, data: { size } });
    learnt += 1;
  }
  return learnt;
}
