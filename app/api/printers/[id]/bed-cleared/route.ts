import { actorOf } from "@/lib/auth/actor";
import { withApi } from "@/lib/auth/with-api";
import { printersBedCleared } from "@/lib/printers/api-routes";
import { confirmBedCleared } from "@/lib/printers/bed-actions";

export const POST = withApi(async ({ user, params, ip }) => ({ bed: await confirmBedCleared(params.id, { actor: actorOf(user), ip }) }), printersBedCleared);
