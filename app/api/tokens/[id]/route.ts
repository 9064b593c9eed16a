import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { tokensRevoke } from "@/lib/auth/api-routes";
import { toApiTokenDto } from "@/lib/auth/dto";
import { revokeApiToken } from "@/lib/auth/tokens";

export const DELETE = withApi(
  async ({ user, params, ip }) =>
    toApiTokenDto(await revokeApiToken(params.id, { userId: user.id, role: user.role }, { actor: actorOf(user), ip })),
  tokensRevoke,
);
