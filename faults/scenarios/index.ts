import type { FaultScenario } from "../harness/scenario";
import { downloadStall } from "./download-stall";
import { printersDropReturn } from "./printers-drop-return";
import { workerKilledMidDownload } from "./worker-killed-mid-download";
import { workerRestartLease } from "./worker-restart-lease";

/** Every scenario, in the order `npm run faults` runs them. */
export const scenarios: FaultScenario[] = [printersDropReturn, downloadStall, workerKilledMidDownload, workerRestartLease];
