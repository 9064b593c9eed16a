import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { BCRYPT_COST, hashPassword, verifyPassword } from "./password";
import { passwordSchema } from "./password-policy";

describe("password", () => {
  it("hashes with bcrypt at cost 12 and verifies", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(bcrypt.getRounds(hash)).toBe(BCRYPT_COST);
    expect(BCRYPT_COST).toBe(12);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("salts: the same password hashes differently", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).not.toBe(b);
  });

  it("answers false without a stored hash, after a real comparison", async () => {
    expect(await verifyPassword("anything at all", null)).toBe(false);
    expect(await verifyPassword("anything at all", undefined)).toBe(false);
  });

  it("accepts 8 to 72 bytes", () => {
    expect(passwordSchema.safeParse("1234567").success).toBe(false);
    expect(passwordSchema.safeParse("12345678").success).toBe(true);
    expect(passwordSchema.safeParse("a".repeat(72)).success).toBe(true);
    expect(passwordSchema.safeParse("a".repeat(73)).success).toBe(false);
    // 36 two-byte characters are 72 bytes; one more is too long although only 37 characters.
    expect(passwordSchema.safeParse("ä".repeat(36)).success).toBe(true);
    expect(passwordSchema.safeParse("ä".repeat(37)).success).toBe(false);
  });
});
