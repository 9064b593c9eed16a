import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { userCan } from "@/lib/auth/current-user";
import { jobCostRecompute } from "@/lib/business/api-routes";
import { recomputeJobCost } from "@/lib/business/job-fields/job-fields";
import { jobBusinessForViewer } from "@/lib/business/job-fields/visibility";

export const POST = withApi(async ({ user, params, ip }) => {
  const view = await recomputeJobCost(params.id, user.id);
  await audit({ actor: actorOf(user), action: "job.cost_recomputed", target: params.id, details: { correctionId: view.correctionId }, ip });
  return jobBusinessForViewer(view, userCan(user, "business:read"));
}, jobCostRecompute);
