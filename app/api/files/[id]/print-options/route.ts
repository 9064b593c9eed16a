import { withApi } from "@/lib/auth/with-api";
import { filesPrintOptions } from "@/lib/files/api-routes";
import { printOptions } from "@/lib/files/print-options";

export const GET = withApi(async ({ params }) => printOptions(params.id), filesPrintOptions);
