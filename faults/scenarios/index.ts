import type { FaultScenario } from "../harness/scenario";
import { diskFullDownload } from "./disk-full-download";
import { downloadStall } from "./download-stall";
import { dstClockJump } from "./dst-clock-jump";
import { probePrinterInputs } from "./probe-printer-inputs";
import { probeHugeBodies } from "./probe-huge-bodies";
import { probeEventReplay } from "./probe-event-replay";
import { postgresConnectionsCut } from "./postgres-connections-cut";
import { printerFlood } from "./printer-flood";
import { printersDropReturn } from "./printers-drop-return";
import { sqliteLocked } from "./sqlite-locked";
import { webKilledStreams } from "./web-killed-streams";
import { workerKilledMidDispatch } from "./worker-killed-mid-dispatch";
import { workerKilledMidDownload } from "./worker-killed-mid-download";
import { workerKilledMidPrint } from "./worker-killed-mid-print";
import { workerRestartLease } from "./worker-restart-lease";

/** Every scenario, in the order `npm run faults` runs them. */
export const scenarios: FaultScenario[] = [
  printersDropReturn,
  printerFlood,
  downloadStall,
  workerKilledMidPrint,
  workerKilledMidDownload,
  workerKilledMidDispatch,
  workerRestartLease,
  sqliteLocked,
  postgresConnectionsCut,
  diskFullDownload,
  dstClockJump,
  webKilledStreams,
  probeEventReplay,
  probeHugeBodies,
  probePrinterInputs,
];
