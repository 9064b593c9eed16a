import { withApi } from "@/lib/auth/with-api";
import { complianceGet, complianceRun } from "@/lib/compliance/api-routes";
import { lastComplianceCheck, runComplianceCheck } from "@/lib/compliance/self-check";

export const GET = withApi(async () => ({ result: await lastComplianceCheck() }), complianceGet);

export const POST = withApi(async () => ({ result: await runComplianceCheck() }), complianceRun);
