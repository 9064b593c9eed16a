import type { FaultScenario } from "../harness/scenario";
import { workerRestartLease } from "./worker-restart-lease";

/** Every scenario, in the order `npm run faults` runs them. */
export const scenarios: FaultScenario[] = [workerRestartLease];
