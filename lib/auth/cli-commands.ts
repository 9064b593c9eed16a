import { systemActor } from "@/lib/audit/audit";
import { passwordSchema } from "./password-policy";
import type { Role } from "./permissions";
import type { TokenScope } from "./token-scopes";
import { emailSchema, displayNameSchema } from "./schemas";
import { createApiToken } from "./tokens";
import { createUser, findUserByEmail, type UserRecord } from "./users";

/** `printernizer user:create`: the same rules as the API (password length, unique email). */
export async function createUserCommand(input: {
  email: string;
  name: string;
  password: string;
  role: Role;
}): Promise<UserRecord> {
  const email = emailSchema.parse(input.email.trim());
  const name = displayNameSchema.parse(input.name);
  const password = passwordSchema.parse(input.password);
  return createUser({ email, name, password, role: input.role }, { actor: systemActor });
}

/**
 * `printernizer token:create`: a token for an existing, active user; returns the plain token.
 * Scopes default to all the user's role allows, the lifetime to 90 days.
 */
export async function createTokenCommand(input: {
  email: string;
  name: string;
  scopes?: readonly TokenScope[];
  expiresInDays?: number;
}): Promise<string> {
  const user = await findUserByEmail(input.email);
  if (!user || user.disabled) throw new Error(`No active user with the email address ${input.email}`);
  const { token } = await createApiToken(
    { userId: user.id, name: displayNameSchema.parse(input.name), scopes: input.scopes, expiresInDays: input.expiresInDays },
    { actor: systemActor },
  );
  return token;
}
