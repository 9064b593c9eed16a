/**
 * Whether a printer is using one of its files right now: a print is running or paused
 * and the printer names that file. Free of server imports: the API, the worker and the
 * printer page apply the same rule before a file on the printer is deleted.
 */

/** States in which the printer holds its print file. */
const holdingStates: ReadonlySet<string> = new Set(["printing", "paused", "preparing"]);

const baseName = (path: string) => path.split("/").at(-1) ?? path;

export function fileInUse(status: { state: string; fileName: string | null } | null | undefined, file: { path: string; name: string }): boolean {
  if (!status?.fileName || !holdingStates.has(status.state)) return false;
  const printing = baseName(status.fileName);
  return status.fileName === file.path || printing === baseName(file.path) || printing === file.name;
}
