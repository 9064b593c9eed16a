import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { userCan } from "@/lib/auth/current-user";
import { materialsUpdate } from "@/lib/business/api-routes";
import { updateMaterial } from "@/lib/business/inventory/inventory";
import { materialForViewer } from "@/lib/business/inventory/price-visibility";

export const PATCH = withApi(async ({ user, params, body, ip }) => {
  const material = await updateMaterial(params.id, body);
  await audit({ actor: actorOf(user), action: "material.updated", target: material.id, details: { fields: Object.keys(body) }, ip });
  return materialForViewer(material, userCan(user, "business:read"));
}, materialsUpdate);
