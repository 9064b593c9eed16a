import { withApi } from "@/lib/auth/with-api";
import { printersSamples } from "@/lib/printers/api-routes";
import { assertPrinterExists } from "@/lib/printers/repository";
import { readSamples } from "@/lib/printers/samples";

export const GET = withApi(async ({ params, query }) => {
  await assertPrinterExists(params.id);
  return { range: query.range, ...(await readSamples(params.id, query.range)) };
}, printersSamples);
