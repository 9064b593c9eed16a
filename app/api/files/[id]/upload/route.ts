import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { requestUpload } from "@/lib/files/actions";
import { filesUpload } from "@/lib/files/api-routes";

export const POST = withApi(
  async ({ params, body, user, ip }) => requestUpload(params.id, body, { actor: actorOf(user), userId: user.id, ip }),
  filesUpload,
);
