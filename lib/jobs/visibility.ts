import type { JobView } from "./schemas";

/** Viewers watch jobs without customer or order reference (ARCHITECTURE.md, Roles). */
export function jobForViewer<T extends Pick<JobView, "customer" | "orderReference">>(job: T, seesCustomer: boolean): T {
  return seesCustomer ? job : { ...job, customer: null, orderReference: null };
}
