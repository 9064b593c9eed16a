import { withApi } from "@/lib/auth/with-api";
import { currentJobThumbnails } from "@/lib/jobs/api-routes";
import { currentFilesOf, thumbnailsOf } from "@/lib/jobs/thumbnails";
import { getPrinter, listPrinters } from "@/lib/printers/repository";

export const GET = withApi(async ({ query }) => {
  const printers = query.printerId ? [await getPrinter(query.printerId)] : await listPrinters();
  return { thumbnails: await thumbnailsOf(currentFilesOf(printers)) };
}, currentJobThumbnails);
