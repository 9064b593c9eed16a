import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/me/route";
import * as usersRoute from "@/app/api/users/route";
import { bearer, browserHeaders, call, testRequest } from "@/testing/api/requests";
import { db } from "@/lib/db";
import { getRequestUser } from "./current-user";
import { getAuthOptions } from "./options";
import { encodeSessionToken } from "./session-token";
import { useTempDatabase } from "@/testing/db/temp-database";
import { createApiToken } from "./tokens";
import { createUser, updateProfile, updateUser, type UserRecord } from "./users";

let cleanup: () => Promise<void>;
let admin: UserRecord;
const system = { actor: { type: "system" as const } };

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  admin = await createUser({ email: "root@example.com", name: "Root", password: "root password", role: "admin" }, system);
});
afterAll(() => cleanup());

async function meStatus(headers: Record<string, string>): Promise<number> {
  return (await call(meRoute.GET, testRequest("GET", "/api/me", { headers }))).status;
}

describe("changes take effect on the next request while the JWT is still valid", () => {
  it("signing out ends the session on the server: the old cookie is refused, on every device", async () => {
    const user = await createUser({ email: "out@example.com", name: "Out", password: "out password!", role: "viewer" }, system);
    const here = await browserHeaders(user);
    const elsewhere = await browserHeaders(user);
    expect(await meStatus(here)).toBe(200);
    const signOut = getAuthOptions().events?.signOut;
    if (!signOut) throw new Error("no signOut event");
    await signOut({ token: { uid: user.id, sv: user.sessionVersion }, session: null as never });
    expect(await meStatus(here)).toBe(401);
    expect(await meStatus(elsewhere)).toBe(401);
    const again = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await meStatus(await browserHeaders(again))).toBe(200);
  });

  it("disabling ends the user's sessions and revokes their tokens for good; enabling needs a new sign-in", async () => {
    const user = await createUser({ email: "d@example.com", name: "D", password: "d password!", role: "operator" }, system);
    const session = await browserHeaders(user);
    const { token } = await createApiToken({ userId: user.id, name: "t" }, system);
    expect(await meStatus(session)).toBe(200);
    expect(await meStatus(bearer(token))).toBe(200);

    await updateUser(user.id, { disabled: true }, system);
    expect(await meStatus(session)).toBe(401);
    expect(await meStatus(bearer(token))).toBe(401);

    const enabled = await updateUser(user.id, { disabled: false }, system);
    expect(await meStatus(bearer(token))).toBe(401);
    // The old session was ended by disabling; a new sign-in gets a new one.
    expect(await meStatus(session)).toBe(401);
    expect(await meStatus(await browserHeaders(enabled))).toBe(200);
  });

  it("a role change ends browser sessions and applies to tokens at once", async () => {
    const user = await createUser({ email: "r@example.com", name: "R", password: "r password!", role: "admin" }, system);
    const session = await browserHeaders(user);
    const { token } = await createApiToken({ userId: user.id, name: "t" }, system);
    const list = (headers: Record<string, string>) => call(usersRoute.GET, testRequest("GET", "/api/users", { headers }));
    expect((await list(session)).status).toBe(200);
    expect((await list(bearer(token))).status).toBe(200);

    await updateUser(user.id, { role: "viewer" }, system);
    expect((await list(session)).status).toBe(401);
    expect((await list(bearer(token))).status).toBe(403);
  });

  it("reads the role from the database, not from the JWT", async () => {
    const user = await createUser({ email: "x@example.com", name: "X", password: "x password!", role: "admin" }, system);
    const session = await browserHeaders(user);
    await db.user.update({ where: { id: user.id }, data: { role: "viewer" } });
    const res = await call(usersRoute.GET, testRequest("GET", "/api/users", { headers: session }));
    expect(res.status).toBe(403);
  });

  it("a password change ends sessions; a name change does not", async () => {
    const user = await createUser({ email: "p@example.com", name: "P", password: "p password!", role: "viewer" }, system);
    const session = await browserHeaders(user);
    await updateProfile(user.id, { name: "Pat" }, system);
    expect(await meStatus(session)).toBe(200);
    await updateProfile(user.id, { currentPassword: "p password!", newPassword: "new p password" }, system);
    expect(await meStatus(session)).toBe(401);
  });

  it("ignores sessions of unknown users and JWTs signed with another secret", async () => {
    const ghost = await encodeSessionToken({ uid: "no-such-user", sv: 0 });
    expect(await meStatus({ cookie: `next-auth.session-token=${ghost}` })).toBe(401);

    const valid = await encodeSessionToken({ uid: admin.id, sv: admin.sessionVersion });
    process.env.NEXTAUTH_SECRET = "another secret entirely, not the generated one";
    try {
      expect(await meStatus({ cookie: `next-auth.session-token=${valid}` })).toBe(401);
    } finally {
      delete process.env.NEXTAUTH_SECRET;
    }
    expect(await meStatus({ cookie: `next-auth.session-token=${valid}` })).toBe(200);
  });

  it("uses the __Secure- cookie over https and joins chunked cookies", async () => {
    const jwt = await encodeSessionToken({ uid: admin.id, sv: admin.sessionVersion });
    const secure = new Request("http://internal/api/me", {
      headers: { cookie: `__Secure-next-auth.session-token=${jwt}`, "x-forwarded-proto": "https" },
    });
    expect((await getRequestUser(secure))?.id).toBe(admin.id);
    const plainOverHttps = new Request("http://internal/api/me", {
      headers: { cookie: `next-auth.session-token=${jwt}`, "x-forwarded-proto": "https" },
    });
    expect(await getRequestUser(plainOverHttps)).toBeNull();
    const half = Math.floor(jwt.length / 2);
    const chunked = new Request("http://internal/api/me", {
      headers: { cookie: `next-auth.session-token.1=${jwt.slice(half)}; next-auth.session-token.0=${jwt.slice(0, half)}` },
    });
    expect((await getRequestUser(chunked))?.id).toBe(admin.id);
  });
});
