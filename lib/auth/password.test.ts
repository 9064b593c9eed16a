import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "./password";
import { PasswordGate, PasswordGateFull } from "./password-gate";
import { passwordSchema } from "./password-policy";

describe("password", () => {
  it("hashes with scrypt (N=2^15, r=8, p=2) and verifies", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$32768\$8\$2\$[\w-]{22}\$[\w-]{43}$/);
    expect(needsRehash(hash)).toBe(false);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("still verifies bcrypt hashes from before, and marks them for a rehash", async () => {
    const old = await bcrypt.hash("old password", 4);
    expect(await verifyPassword("old password", old)).toBe(true);
    expect(await verifyPassword("old passwort", old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
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

describe("password gate", () => {
  it("runs at most the allowed checks at once, queues the next ones and refuses beyond the queue", async () => {
    const gate = new PasswordGate(2, 1);
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const check = () =>
      gate.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
      });
    const runs = [check(), check(), check()];
    await expect(check()).rejects.toBeInstanceOf(PasswordGateFull);
    expect(gate.full).toBe(true);
    while (releases.length > 0 || running > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(runs);
    expect(peak).toBe(2);
    expect(gate.full).toBe(false);
  });
});
