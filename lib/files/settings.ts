import { dataDir } from "@/lib/config/env";
import { filesConfigFrom, filesEnv, type FilesConfig } from "./config";

/** The files configuration from the environment. */
export function filesConfig(): FilesConfig {
  return filesConfigFrom(filesEnv(), dataDir());
}
