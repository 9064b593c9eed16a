"use client";

import { z } from "zod";

// Zod probes whether it may compile validators with `Function(...)`; our CSP forbids eval,
// so the probe only produces a CSP violation report in the console. Skip it.
z.config({ jitless: true });

/** Rendered once in the root layout so the setting above runs before any schema parses. */
export function StrictCspRuntime(): null {
  return null;
}
