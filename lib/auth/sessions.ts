import { audit } from "@/lib/audit/audit";
import { db } from "@/lib/db";

/**
 * Signing out ends the user's sessions on the server: session cookies carry the session
 * version (lib/auth/current-user.ts), so moving it on refuses every cookie issued before,
 * on every device. Only when the signing-out cookie still holds the current version, so
 * an already dead cookie changes nothing.
 */
export async function endUserSessions(userId: string, sessionVersion: number): Promise<boolean> {
  const { count } = await db.user.updateMany({
    where: { id: userId, sessionVersion },
    data: { sessionVersion: { increment: 1 } },
  });
  if (count > 0) await audit({ actor: { type: "user", id: userId }, action: "user.signed_out", target: userId });
  return count > 0;
}
