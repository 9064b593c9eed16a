import { withApi } from "@/lib/auth/with-api";
import { firstStepsDismiss } from "@/lib/business/api-routes";
import { dismissFirstSteps } from "@/lib/business/onboarding/first-steps";

export const POST = withApi(async ({ user }) => {
  await dismissFirstSteps(user.id);
  return { dismissed: true as const };
}, firstStepsDismiss);
