import { apiWrapper } from "@/lib/api/handler";
import { resolveRequestAuth, type RequestUser } from "./current-user";
import { can, type Permission } from "./permissions";

/**
 * The wrapper every API route handler goes through (lib/api/handler.ts), with
 * Printernizer's access rules: a Bearer API token or the session cookie names the user,
 * and the permission table decides.
 */
export const withApi = apiWrapper<RequestUser, Permission>({
  authenticate: resolveRequestAuth,
  allows: (user, permission) => can(user.role, permission),
});
