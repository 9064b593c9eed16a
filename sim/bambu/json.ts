import { z } from "zod";

export const jsonSchema = z.json();
export type JsonValue = z.infer<typeof jsonSchema>;
export type JsonObject = { [key: string]: JsonValue };
export const jsonObjectSchema = z.record(z.string(), jsonSchema);

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "number" | "string" | "boolean" | "null" | "array" | "object", the JSON type of a value. */
export function jsonType(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
