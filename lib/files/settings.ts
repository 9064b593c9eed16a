import { dataDir, env } from "@/lib/config/env";
import { filesConfigFrom, type FilesConfig } from "./config";

/** The files configuration from the environment. */
export function filesConfig(): FilesConfig {
  return filesConfigFrom(env(), dataDir());
}
