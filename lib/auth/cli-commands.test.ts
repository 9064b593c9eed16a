import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenCommand, createUserCommand } from "./cli-commands";
import { useTempDatabase } from "@/testing/db/temp-database";
import { listApiTokens, verifyApiToken } from "./tokens";
import { updateUser } from "./users";

let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
});
afterAll(() => cleanup());

describe("CLI commands", () => {
  it("creates a user and a working token for them", async () => {
    const user = await createUserCommand({ email: "Ops@Example.com", name: "Ops", password: "ops password", role: "operator" });
    expect(user).toMatchObject({ email: "ops@example.com", role: "operator" });
    const token = await createTokenCommand({ email: "ops@example.com", name: "cron", expiresInDays: 7 });
    expect(await verifyApiToken(token)).toMatchObject({ userId: user.id });
  });

  it("gives an accountant's token the role's scopes and 90 days unless told, and refuses scopes beyond the role", async () => {
    const user = await createUserCommand({ email: "books@example.com", name: "Books", password: "books password", role: "accountant" });
    const token = await createTokenCommand({ email: "books@example.com", name: "datev" });
    expect((await verifyApiToken(token))?.scopes).toEqual(["read", "business"]);
    const [created] = await listApiTokens(user.id);
    const days = ((created.expiresAt?.getTime() ?? 0) - created.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    const narrow = await createTokenCommand({ email: "books@example.com", name: "read only", scopes: ["read"], expiresInDays: 10 });
    expect((await verifyApiToken(narrow))?.scopes).toEqual(["read"]);
    await expect(createTokenCommand({ email: "books@example.com", name: "printers", scopes: ["printers:control"] })).rejects.toMatchObject({ status: 422 });
  });

  it("applies the API's rules", async () => {
    await expect(createUserCommand({ email: "short@example.com", name: "S", password: "short", role: "viewer" })).rejects.toThrow();
    await expect(createUserCommand({ email: "ops@example.com", name: "Dup", password: "dup password", role: "viewer" })).rejects.toMatchObject({
      code: "email_taken",
    });
  });

  it("refuses tokens for unknown or disabled users", async () => {
    await expect(createTokenCommand({ email: "nobody@example.com", name: "x" })).rejects.toThrow(/No active user/);
    const user = await createUserCommand({ email: "gone@example.com", name: "Gone", password: "gone password", role: "admin" });
    await createUserCommand({ email: "keep@example.com", name: "Keep", password: "keep password", role: "admin" });
    await updateUser(user.id, { disabled: true }, { actor: { type: "system" } });
    await expect(createTokenCommand({ email: "gone@example.com", name: "x" })).rejects.toThrow(/No active user/);
  });
});
