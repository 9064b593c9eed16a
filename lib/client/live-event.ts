import { z } from "zod";
import { eventSchemas, type EventPayload, type EventType } from "@/lib/catalog/events";

/** One event from the stream, its payload checked against the event's schema. */
type AnyLiveEvent = {
  [K in EventType]: { id: number; type: K; printerId: string | null; createdAt: string; payload: EventPayload<K> };
}[EventType];
export type LiveEvent<T extends EventType = EventType> = Extract<AnyLiveEvent, { type: T }>;

const envelopeSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  printerId: z.string().nullable(),
  createdAt: z.string(),
  payload: z.unknown(),
});

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventSchemas, type);
}

const warned = new Set<string>();

/** Says once per event type why its events are dropped, so a drifted schema is noticed without flooding the console. */
function warnOnce(type: string, reason: unknown): void {
  if (warned.has(type)) return;
  warned.add(type);
  console.warn(`live event "${type}" dropped: it does not match its schema`, reason);
}

/**
 * The stream's message as a typed event, or null when it is not one we know: such a
 * message is dropped (and reported once) rather than handed to components unchecked.
 */
export function parseLiveEvent(data: string): LiveEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (error) {
    warnOnce("(not JSON)", error);
    return null;
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    warnOnce("(no envelope)", envelope.error);
    return null;
  }
  const { type } = envelope.data;
  if (!isEventType(type)) {
    warnOnce(type, "unknown event type");
    return null;
  }
  const payload = eventSchemas[type].safeParse(envelope.data.payload);
  if (!payload.success) {
    warnOnce(type, payload.error);
    return null;
  }
  // The payload was checked with the schema of this very type just above.
  return { ...envelope.data, type, payload: payload.data } as LiveEvent;
}
