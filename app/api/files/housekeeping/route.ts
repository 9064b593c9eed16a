import { withApi } from "@/lib/auth/with-api";
import { filesHousekeeping } from "@/lib/files/api-routes";
import { planHousekeeping } from "@/lib/files/housekeeping-plan";
import { filesConfig } from "@/lib/files/settings";

export const GET = withApi(async () => planHousekeeping(filesConfig()), filesHousekeeping);
