import { apiWrapper } from "@/lib/api/handler";
import { rateLimitConfig, type RateLimitConfig } from "@/lib/api/rate-limit";
import { resolveRequestAuth, userCan, type RequestUser } from "./current-user";
import type { Permission } from "./permissions";

let limits: RateLimitConfig | null = null;

/**
 * The wrapper every API route handler goes through (lib/api/handler.ts), with
 * Printernizer's access rules: a Bearer API token or the session cookie names the user,
 * and the permission table decides; for a token, only within its scopes (lib/auth/token-scopes.ts).
 * A request counts against its token, its user and its client address.
 */
export const withApi = apiWrapper<RequestUser, Permission>({
  authenticate: resolveRequestAuth,
  allows: userCan,
  rateLimit: {
    config: () => (limits ??= rateLimitConfig()),
    subjects: (user) => [
      ...(user.tokenId ? [{ kind: "token" as const, id: user.tokenId }] : []),
      { kind: "user" as const, id: user.id },
    ],
  },
});
