import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { printersTestConnection } from "@/lib/printers/api-routes";
import { requestConnectionTest } from "@/lib/printers/commands";

export const POST = withApi(
  async ({ user, body, ip }) => requestConnectionTest(body, { actor: actorOf(user), userId: user.id, ip }),
  printersTestConnection,
);
