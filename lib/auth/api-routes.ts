import { defineRoute } from "@/lib/api/route-spec";
import {
  apiTokenListSchema,
  apiTokenSchema,
  createdTokenSchema,
  createTokenBodySchema,
  createUserBodySchema,
  idParamsSchema,
  meSchema,
  setupBodySchema,
  updateMeBodySchema,
  updateUserBodySchema,
  userListSchema,
  userSchema,
} from "./schemas";

/** The auth domain's API operations; route handlers in app/api pass these to withApi. */

export const nextAuthGet = defineRoute({
  permission: null,
  openapi: {
    method: "GET",
    path: "/api/auth/{nextauth}",
    summary: "next-auth endpoints for the browser (session, csrf, providers)",
    description: "Used by the web app's sign-in; API clients use tokens instead. `callback/…` is POST only: by GET it answers 400 `bad_request`.",
    tags: ["auth"],
  },
});

export const nextAuthPost = defineRoute({
  permission: null,
  openapi: {
    method: "POST",
    path: "/api/auth/{nextauth}",
    summary: "next-auth endpoints for the browser (callback/credentials, signout)",
    description:
      "Form-encoded, protected by next-auth's CSRF token. Used by the web app's sign-in only. A sign-in while the server's password checks are saturated answers 503 with Retry-After.",
    tags: ["auth"],
    errors: ["unavailable"],
  },
});

export const setupRoute = defineRoute({
  permission: null,
  body: setupBodySchema,
  response: userSchema,
  openapi: {
    method: "POST",
    path: "/api/setup",
    summary: "Create the first administrator",
    description: "Only while no user exists; afterwards 409 setup_done.",
    tags: ["auth"],
    successStatus: 201,
    errors: ["setup_done"],
  },
});

export const meGet = defineRoute({
  response: meSchema,
  openapi: { method: "GET", path: "/api/me", summary: "The signed-in user and their permissions", tags: ["auth"] },
});

export const meUpdate = defineRoute({
  body: updateMeBodySchema,
  response: meSchema,
  openapi: {
    method: "PATCH",
    path: "/api/me",
    summary: "Change own name, language or password",
    description: "A new password needs currentPassword and ends all other browser sessions.",
    tags: ["auth"],
    errors: ["wrong_password"],
  },
});

export const usersList = defineRoute({
  permission: "users:manage",
  response: userListSchema,
  openapi: { method: "GET", path: "/api/users", summary: "List users", tags: ["users"] },
});

export const usersCreate = defineRoute({
  permission: "users:manage",
  body: createUserBodySchema,
  response: userSchema,
  openapi: {
    method: "POST",
    path: "/api/users",
    summary: "Create a user",
    tags: ["users"],
    successStatus: 201,
    errors: ["email_taken"],
  },
});

export const usersUpdate = defineRoute({
  permission: "users:manage",
  params: idParamsSchema,
  body: updateUserBodySchema,
  response: userSchema,
  openapi: {
    method: "PATCH",
    path: "/api/users/{id}",
    summary: "Edit a user: name, role, password, disabled",
    description: "Changing the role or password, or disabling, ends the user's browser sessions at once; a new password or disabling also revokes their API tokens.",
    tags: ["users"],
    errors: ["last_admin"],
  },
});

export const tokensList = defineRoute({
  permission: "tokens:own",
  response: apiTokenListSchema,
  openapi: { method: "GET", path: "/api/tokens", summary: "List own API tokens", tags: ["tokens"] },
});

export const tokensCreate = defineRoute({
  permission: "tokens:create",
  body: createTokenBodySchema,
  response: createdTokenSchema,
  openapi: {
    method: "POST",
    path: "/api/tokens",
    summary: "Create an API token",
    description:
      "Only with a session (a token calling this gets 403). Scopes within the owner's role (else 422), default all the role allows; lifetime default 90 days, at most PRINTERNIZER_TOKEN_MAX_DAYS. The response holds the token itself, once; only its hash is stored.",
    tags: ["tokens"],
    successStatus: 201,
  },
});

export const tokensRevoke = defineRoute({
  permission: "tokens:own",
  params: idParamsSchema,
  response: apiTokenSchema,
  openapi: {
    method: "DELETE",
    path: "/api/tokens/{id}",
    summary: "Revoke an API token",
    description: "Own tokens; administrators may revoke anyone's.",
    tags: ["tokens"],
  },
});

export const authApiRoutes = [
  nextAuthGet,
  nextAuthPost,
  setupRoute,
  meGet,
  meUpdate,
  usersList,
  usersCreate,
  usersUpdate,
  tokensList,
  tokensCreate,
  tokensRevoke,
];
