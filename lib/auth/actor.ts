import type { AuditActor } from "@/lib/audit/audit";
import type { RequestUser } from "./current-user";

/** The audit actor for a request: the user, marked as "token" when an API token acted for them. */
export function actorOf(user: RequestUser): AuditActor {
  return { type: user.via === "token" ? "token" : "user", id: user.id };
}
