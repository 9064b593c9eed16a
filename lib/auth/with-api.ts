import { apiWrapper } from "@/lib/api/handler";
import { resolveRequestAuth, userCan, type RequestUser } from "./current-user";
import type { Permission } from "./permissions";

/**
 * The wrapper every API route handler goes through (lib/api/handler.ts), with
 * Printernizer's access rules: a Bearer API token or the session cookie names the user,
 * and the permission table decides; for a token, only within its scopes (lib/auth/token-scopes.ts).
 */
export const withApi = apiWrapper<RequestUser, Permission>({
  authenticate: resolveRequestAuth,
  allows: userCan,
});
