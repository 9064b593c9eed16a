import { z } from "zod";

/**
 * What a password must be; shared by server and browser code (no Node imports here).
 * bcrypt only reads the first 72 bytes, so longer passwords are refused rather than cut.
 */
export const passwordSchema = z
  .string()
  .min(8)
  .refine((value) => new TextEncoder().encode(value).length <= 72, { message: "Too long: at most 72 bytes" });
