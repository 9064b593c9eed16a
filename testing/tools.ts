import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The protocol tests talk to off-the-shelf peers (openssl, curl, mosquitto clients,
 * vsftpd) that `npm run test:deps` installs. A missing one fails the test with the way
 * to get it rather than skipping it, so a run never passes with those tests left out.
 */
export function requireTool(command: string, debianPackage: string): void {
  const found = path.isAbsolute(command)
    ? existsSync(command)
    : (process.env.PATH ?? "").split(path.delimiter).some((dir) => dir !== "" && existsSync(path.join(dir, command)));
  if (!found) throw new Error(`${command} is missing: run \`npm run test:deps\` (installs the Debian package ${debianPackage})`);
}
