import { z } from "zod";
import type { Json } from "./facts";

/**
 * What a fixture's expected-<kind>.json holds: the inputs the seed used that the stored
 * data no longer shows in plain text (passwords, token values, printer secrets) and the
 * facts the old release read back (testing/upgrade/facts.ts).
 */
const json: z.ZodType<Json> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(json), z.record(z.string(), json)]),
);

export const expectedReleaseSchema = z.object({
  release: z.string(),
  users: z.array(z.object({ email: z.string(), role: z.string(), password: z.string() })),
  tokens: z.array(z.object({ name: z.string(), owner: z.string(), token: z.string(), valid: z.boolean() })),
  printerSecrets: z.array(z.object({ name: z.string(), secrets: z.array(z.string()) })),
  settings: z.object({ business: json, retention: json, alerts: json }),
  facts: z.record(z.string(), json),
});
export type ExpectedRelease = z.infer<typeof expectedReleaseSchema>;
