import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { printersCommand } from "@/lib/printers/api-routes";
import { requestPrinterCommand } from "@/lib/printers/commands";

export const POST = withApi(
  async ({ user, params, body, query, ip }) =>
    requestPrinterCommand(params.id, body, { actor: actorOf(user), userId: user.id, ip }, query.wait === "1"),
  printersCommand,
);
