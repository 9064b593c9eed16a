import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { eventReferencePath, renderEventReference, type DocLocale } from "./event-reference";

/** `npm run docs:events`: writes the live-event reference of both languages from the event schemas. */
const root = path.resolve(import.meta.dirname, "..", "..");
for (const locale of ["de", "en"] as const satisfies readonly DocLocale[]) {
  const file = path.join(root, eventReferencePath(locale));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, renderEventReference(locale));
  console.log(`wrote ${path.relative(root, file)}`);
}
