import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { usersCreate, usersList } from "@/lib/auth/api-routes";
import { toUserDto } from "@/lib/auth/dto";
import { createUser, listUsers } from "@/lib/auth/users";

export const GET = withApi(async () => ({ users: (await listUsers()).map(toUserDto) }), usersList);

export const POST = withApi(
  async ({ user, body, ip }) => toUserDto(await createUser(body, { actor: actorOf(user), ip })),
  usersCreate,
);
