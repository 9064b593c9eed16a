import { z } from "zod";

/** Commands of the backup domain (listed in lib/catalog/commands.ts). */
export const backupCommandSchemas = {
  /** One backup now, as the daily schedule would run it. */
  "backup.run": z.object({}),
} as const;
