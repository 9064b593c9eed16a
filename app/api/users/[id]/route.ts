import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { usersUpdate } from "@/lib/auth/api-routes";
import { toUserDto } from "@/lib/auth/dto";
import { updateUser } from "@/lib/auth/users";

export const PATCH = withApi(
  async ({ user, params, body, ip }) => toUserDto(await updateUser(params.id, body, { actor: actorOf(user), ip })),
  usersUpdate,
);
