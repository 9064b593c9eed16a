import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { spoolsCreate, spoolsList } from "@/lib/business/api-routes";
import { createSpool, listSpools } from "@/lib/business/inventory/inventory";
import { readBusinessSettings } from "@/lib/business/settings/settings";

export const GET = withApi(async () => {
  const { lowStockGrams } = await readBusinessSettings();
  return { spools: await listSpools(lowStockGrams), lowStockGrams };
}, spoolsList);

export const POST = withApi(async ({ user, body, ip }) => {
  const spool = await createSpool(body, (await readBusinessSettings()).lowStockGrams);
  await audit({ actor: actorOf(user), action: "spool.created", target: spool.id, ip });
  return spool;
}, spoolsCreate);
