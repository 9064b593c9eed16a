import { withApi } from "@/lib/auth/with-api";
import { filesList } from "@/lib/files/api-routes";
import { listFiles } from "@/lib/files/list";

export const GET = withApi(async ({ query }) => listFiles(query), filesList);
