import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { printersCreate, printersList } from "@/lib/printers/api-routes";
import { createPrinter, credentialKeyStatus, listPrinters } from "@/lib/printers/repository";

export const GET = withApi(
  async () => ({ printers: await listPrinters(), meta: { credentialKey: await credentialKeyStatus() } }),
  printersList,
);

export const POST = withApi(async ({ user, body, ip }) => createPrinter(body, { actor: actorOf(user), ip }), printersCreate);
