import { withApi } from "@/lib/auth/with-api";
import { filesThumbnail } from "@/lib/files/api-routes";
import { serveThumbnail } from "@/lib/files/content";
import { filesConfig } from "@/lib/files/settings";

export const GET = withApi(async ({ params }) => serveThumbnail(params.id, filesConfig().root), filesThumbnail);
