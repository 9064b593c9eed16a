import { mkdir, writeFile } from "node:fs/promises";
import { db } from "@/lib/db";
import { resolveInside } from "@/lib/files/names";
import { THUMBS_DIR } from "@/lib/files/storage";
import type { PrinterDriver } from "@/lib/printers/types";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

/**
 * Fetches pictures of listed files that have none yet, a few per listing: the printer's
 * small board must not be flooded (PrusaLink has become unresponsive under load). Only
 * PNGs are stored; anything else the printer sends is ignored.
 */
export async function fetchMissingThumbnails(driver: PrinterDriver, printerId: string, root: string, limit = 5): Promise<number> {
  const thumbnail = driver.thumbnail?.bind(driver);
  if (!thumbnail) return 0;
  const files = await db.printerFile.findMany({
    where: { printerId, goneAt: null, thumbnailPath: null },
    orderBy: { seenAt: "desc" },
    take: limit,
    select: { id: true, path: true },
  });
  let stored = 0;
  for (const file of files) {
    const image = await thumbnail(file.path).catch(() => null);
    if (!image || !image.subarray(0, 4).equals(PNG)) continue;
    const relative = `${THUMBS_DIR}/pf-${file.id}.png`;
    await mkdir(resolveInside(root, THUMBS_DIR), { recursive: true });
    await writeFile(resolveInside(root, relative), image);
    await db.printerFile.update({ where: { id: file.id }, data: { thumbnailPath: relative } });
    stored += 1;
  }
  return stored;
}
