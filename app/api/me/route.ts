import { apiError } from "@/lib/api/errors";
import { withApi } from "@/lib/auth/with-api";
import { meGet, meUpdate } from "@/lib/auth/api-routes";
import type { RequestUser } from "@/lib/auth/current-user";
import { toUserDto } from "@/lib/auth/dto";
import { actorOf } from "@/lib/auth/actor";
import { findUserById, updateProfile, type UserRecord } from "@/lib/auth/users";

/** The permissions of this request: a token's are those its scopes open within the role. */
function me(user: UserRecord, request: RequestUser) {
  return { ...toUserDto(user), permissions: [...request.permissions], authenticatedBy: request.via };
}

export const GET = withApi(async ({ user }) => {
  const record = await findUserById(user.id);
  if (!record) throw apiError("not_found");
  return me(record, user);
}, meGet);

export const PATCH = withApi(
  async ({ user, body, ip }) => me(await updateProfile(user.id, body, { actor: actorOf(user), ip }), user),
  meUpdate,
);
