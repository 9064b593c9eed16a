import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { userCan } from "@/lib/auth/current-user";
import { spoolsCreate, spoolsList } from "@/lib/business/api-routes";
import { createSpool, listSpools } from "@/lib/business/inventory/inventory";
import { spoolForViewer } from "@/lib/business/inventory/price-visibility";
import { readBusinessSettings } from "@/lib/business/settings/settings";

export const GET = withApi(async ({ user }) => {
  const { lowStockGrams } = await readBusinessSettings();
  const seesPrices = userCan(user, "business:read");
  return { spools: (await listSpools(lowStockGrams)).map((spool) => spoolForViewer(spool, seesPrices)), lowStockGrams };
}, spoolsList);

export const POST = withApi(async ({ user, body, ip }) => {
  const spool = await createSpool(body, (await readBusinessSettings()).lowStockGrams);
  await audit({ actor: actorOf(user), action: "spool.created", target: spool.id, ip });
  return spoolForViewer(spool, userCan(user, "business:read"));
}, spoolsCreate);
