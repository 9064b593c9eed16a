import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { filesDeleteOnPrinter } from "@/lib/files/api-routes";
import { requestPrinterFileDelete } from "@/lib/files/printer-file-delete";

export const DELETE = withApi(async ({ params, user, ip }) => requestPrinterFileDelete(params.id, { actor: actorOf(user), userId: user.id, ip }), filesDeleteOnPrinter);
