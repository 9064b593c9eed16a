import { z } from "zod";
import { routing } from "@/i18n/routing";
import { passwordSchema } from "./password-policy";
import { permissions, roleSchema } from "./permissions";
import { tokenScopeSchema } from "./token-scopes";

/**
 * Wire formats of the auth API (users, tokens, me, setup). Route handlers validate with
 * these and the OpenAPI document is generated from the same objects.
 */

export const emailSchema = z.email().max(254);
export const displayNameSchema = z.string().trim().min(1).max(100);
export const localeSchema = z.enum(routing.locales);
export const permissionSchema = z.enum(permissions);
export const idParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  locale: localeSchema.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type UserDto = z.infer<typeof userSchema>;

export const userListSchema = z.object({ users: z.array(userSchema) });

export const createUserBodySchema = z.object({
  email: emailSchema,
  name: displayNameSchema,
  password: passwordSchema,
  role: roleSchema,
  locale: localeSchema.nullable().optional(),
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

export const updateUserBodySchema = z
  .object({
    name: displayNameSchema.optional(),
    role: roleSchema.optional(),
    password: passwordSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: "Nothing to change",
  });
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

export const setupBodySchema = z.object({
  email: emailSchema,
  name: displayNameSchema,
  password: passwordSchema,
});
export type SetupBody = z.infer<typeof setupBodySchema>;

export const meSchema = userSchema.extend({
  permissions: z.array(permissionSchema),
  authenticatedBy: z.enum(["session", "token"]),
});

export const updateMeBodySchema = z
  .object({
    name: displayNameSchema.optional(),
    locale: localeSchema.nullable().optional(),
    currentPassword: z.string().max(200).optional(),
    newPassword: passwordSchema.optional(),
  })
  .refine((patch) => patch.newPassword === undefined || patch.currentPassword !== undefined, {
    message: "The current password is required to set a new one",
    path: ["currentPassword"],
  });
export type UpdateMeBody = z.infer<typeof updateMeBodySchema>;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters, so a user can tell tokens apart. */
  prefix: z.string(),
  scopes: z.array(tokenScopeSchema),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiTokenDto = z.infer<typeof apiTokenSchema>;

export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });

export const createTokenBodySchema = z.object({
  name: displayNameSchema,
  /** Default: every scope the role allows; one beyond it is refused (422). */
  scopes: z.array(tokenScopeSchema).min(1).max(6).optional(),
  /** Default 90; at most PRINTERNIZER_TOKEN_MAX_DAYS (365 unless set), else 422. */
  expiresInDays: z.int().min(1).max(3650).optional(),
});
export type CreateTokenBody = z.infer<typeof createTokenBodySchema>;

export const createdTokenSchema = z.object({
  /** The token itself; shown once, never retrievable again. */
  token: z.string(),
  apiToken: apiTokenSchema,
});
