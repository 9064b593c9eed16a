import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { filesContent } from "@/lib/files/api-routes";
import { serveLocalFile } from "@/lib/files/content";
import { filesConfig } from "@/lib/files/settings";

export const GET = withApi(
  async ({ params, req, user, ip }) => serveLocalFile(params.id, req, { actor: actorOf(user), ip }, filesConfig().root),
  filesContent,
);
