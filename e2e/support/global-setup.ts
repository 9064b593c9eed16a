import { existsSync } from "node:fs";
import path from "node:path";

export default function globalSetup(): void {
  if (!existsSync(path.resolve(".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` before the end-to-end tests (npm test does).");
  }
  if (!existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) {
    throw new Error("Chromium not found: run `npm run test:deps` (installs Debian's chromium).");
  }
}
