import { withApi } from "@/lib/api/handler";
import { filesList } from "@/lib/files/api-routes";
import { listFiles } from "@/lib/files/list";

export const GET = withApi(async ({ query }) => listFiles(query), filesList);
