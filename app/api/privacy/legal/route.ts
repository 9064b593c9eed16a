import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { legalGet, legalUpdate } from "@/lib/compliance/api-routes";
import { legalContentView, updateLegalContent } from "@/lib/compliance/legal-content";

export const GET = withApi(async () => legalContentView(), legalGet);

export const PUT = withApi(async ({ user, body, ip }) => {
  const content = await updateLegalContent(body);
  await audit({ actor: actorOf(user), action: "legal.updated", details: { pages: Object.keys(body) }, ip });
  return content;
}, legalUpdate);
