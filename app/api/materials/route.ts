import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { materialsCreate, materialsList } from "@/lib/business/api-routes";
import { createMaterial, listMaterials } from "@/lib/business/inventory/inventory";

export const GET = withApi(async () => ({ materials: await listMaterials() }), materialsList);

export const POST = withApi(async ({ user, body, ip }) => {
  const material = await createMaterial(body);
  await audit({ actor: actorOf(user), action: "material.created", target: material.id, details: { pricePerKgCents: material.pricePerKgCents }, ip });
  return material;
}, materialsCreate);
