import type { JobBusinessView } from "./schemas";

/** Operators enter a job's business fields but see no money (ARCHITECTURE.md, Roles). */
export function jobBusinessForViewer(view: JobBusinessView, seesMoney: boolean): JobBusinessView {
  return seesMoney ? view : { ...view, cost: null };
}
