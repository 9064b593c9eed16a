import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { printersDelete, printersGet, printersUpdate } from "@/lib/printers/api-routes";
import { deletePrinter, getPrinter, updatePrinter } from "@/lib/printers/repository";

export const GET = withApi(async ({ params }) => getPrinter(params.id), printersGet);

export const PATCH = withApi(
  async ({ user, params, body, ip }) => updatePrinter(params.id, body, { actor: actorOf(user), ip }),
  printersUpdate,
);

export const DELETE = withApi(async ({ user, params, ip }) => {
  const { archived } = await deletePrinter(params.id, { actor: actorOf(user), ip });
  return { deleted: true as const, archived };
}, printersDelete);
