import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { privacyExport } from "@/lib/compliance/api-routes";
import { exportPersonalData } from "@/lib/compliance/privacy";

export const GET = withApi(async ({ user, ip }) => {
  const data = await exportPersonalData(user.id);
  await audit({ actor: actorOf(user), action: "privacy.exported", target: user.id, ip });
  return new Response(JSON.stringify(data, null, 2), {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": 'attachment; filename="printernizer-personal-data.json"' },
  });
}, privacyExport);
