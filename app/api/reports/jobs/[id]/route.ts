import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { userCan } from "@/lib/auth/current-user";
import { jobBusinessUpdate } from "@/lib/business/api-routes";
import { updateJobBusiness } from "@/lib/business/job-fields/job-fields";
import { jobBusinessForViewer } from "@/lib/business/job-fields/visibility";
import { jobDelete } from "@/lib/compliance/api-routes";
import { deleteJobRecord } from "@/lib/compliance/retention";

export const PATCH = withApi(async ({ user, params, body, ip }) => {
  const view = await updateJobBusiness(params.id, body, user.id);
  await audit({ actor: actorOf(user), action: "job.business_changed", target: params.id, details: { fields: Object.keys(body), correctionId: view.correctionId }, ip });
  return jobBusinessForViewer(view, userCan(user, "business:read"));
}, jobBusinessUpdate);

export const DELETE = withApi(async ({ user, params, ip }) => {
  await deleteJobRecord(params.id, actorOf(user), ip);
  return new Response(null, { status: 204 });
}, jobDelete);
