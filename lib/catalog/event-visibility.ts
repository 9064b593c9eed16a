import type { Permission } from "@/lib/auth/permissions";
import type { StreamEvent } from "@/lib/events/stream-event";
import type { EventType } from "./events";

/** Events only some roles may receive at all (the event stream itself needs events:read). */
const eventPermissions: Partial<Record<EventType, Permission>> = {
  "spool.low_stock": "materials:read",
};

/**
 * Payload fields by what they carry, wherever they sit in a payload: customer and order
 * reference need jobs:customer, money (…Cents, cost, price, revenue) business:read.
 * By name, so an event that starts carrying such a field is filtered without a new rule.
 */
function fieldPermission(key: string): Permission | null {
  if (key === "customer" || key === "orderReference") return "jobs:customer";
  if (/Cents(PerKg|PerHour|PerKwh)?$|^(cost|price|revenue)s?$/i.test(key)) return "business:read";
  return null;
}

function visiblePart(value: unknown, granted: ReadonlySet<Permission>): unknown {
  if (Array.isArray(value)) return value.map((item) => visiblePart(item, granted));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, inner]) => {
      const needed = fieldPermission(key);
      return needed && !granted.has(needed) ? [] : [[key, visiblePart(inner, granted)]];
    }),
  );
}

/**
 * The event as a caller with these permissions may see it, or null when they may not see it
 * at all (ARCHITECTURE.md, Roles: one permission table decides every event payload).
 */
export function eventForViewer(event: StreamEvent, permissions: readonly Permission[]): StreamEvent | null {
  const granted = new Set(permissions);
  const needed = eventPermissions[event.type as EventType];
  if (needed && !granted.has(needed)) return null;
  return { ...event, payload: visiblePart(event.payload, granted) };
}

