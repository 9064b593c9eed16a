import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { userCan } from "@/lib/auth/current-user";
import { materialsCreate, materialsList } from "@/lib/business/api-routes";
import { createMaterial, listMaterials } from "@/lib/business/inventory/inventory";
import { materialForViewer } from "@/lib/business/inventory/price-visibility";

export const GET = withApi(async ({ user }) => {
  const seesPrices = userCan(user, "business:read");
  return { materials: (await listMaterials()).map((material) => materialForViewer(material, seesPrices)) };
}, materialsList);

export const POST = withApi(async ({ user, body, ip }) => {
  const material = await createMaterial(body);
  await audit({ actor: actorOf(user), action: "material.created", target: material.id, details: { pricePerKgCents: material.pricePerKgCents }, ip });
  return materialForViewer(material, userCan(user, "business:read"));
}, materialsCreate);
