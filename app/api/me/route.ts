import { apiError } from "@/lib/api/errors";
import { withApi } from "@/lib/auth/with-api";
import { meGet, meUpdate } from "@/lib/auth/api-routes";
import type { RequestUser } from "@/lib/auth/current-user";
import { toUserDto } from "@/lib/auth/dto";
import { permissionsOf } from "@/lib/auth/permissions";
import { actorOf } from "@/lib/auth/actor";
import { findUserById, updateProfile, type UserRecord } from "@/lib/auth/users";

function me(user: UserRecord, via: RequestUser["via"]) {
  return { ...toUserDto(user), permissions: permissionsOf(user.role), authenticatedBy: via };
}

export const GET = withApi(async ({ user }) => {
  const record = await findUserById(user.id);
  if (!record) throw apiError("not_found");
  return me(record, user.via);
}, meGet);

export const PATCH = withApi(
  async ({ user, body, ip }) => me(await updateProfile(user.id, body, { actor: actorOf(user), ip }), user.via),
  meUpdate,
);
