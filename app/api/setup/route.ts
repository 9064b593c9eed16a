import { withApi } from "@/lib/auth/with-api";
import { setupRoute } from "@/lib/auth/api-routes";
import { toUserDto } from "@/lib/auth/dto";
import { createFirstAdmin } from "@/lib/auth/users";

export const POST = withApi(
  async ({ body, ip }) => toUserDto(await createFirstAdmin(body, { actor: { type: "system" }, ip })),
  setupRoute,
);
