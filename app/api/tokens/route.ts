import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { tokensCreate, tokensList } from "@/lib/auth/api-routes";
import { toApiTokenDto } from "@/lib/auth/dto";
import { createApiToken, listApiTokens } from "@/lib/auth/tokens";

export const GET = withApi(async ({ user }) => ({ tokens: (await listApiTokens(user.id)).map(toApiTokenDto) }), tokensList);

export const POST = withApi(async ({ user, body, ip }) => {
  const created = await createApiToken({ userId: user.id, ...body }, { actor: actorOf(user), ip });
  return { token: created.token, apiToken: toApiTokenDto(created.apiToken) };
}, tokensCreate);
