import { liveValues } from "@/components/printers/live-values";
import type { JobView } from "@/lib/jobs/schemas";
import type { PrinterView } from "@/lib/printers/schemas";

/**
 * The running job as the printer reports it this moment. The worker writes progress at
 * most every few seconds, so the open row takes progress, layers and pause from the
 * live state the page already streams.
 */
export function withLiveJob(jobs: JobView[], printer: PrinterView | undefined): JobView[] {
  if (!printer) return jobs;
  const { state, data } = liveValues(printer);
  if (state !== "printing" && state !== "paused") return jobs;
  const open = jobs.find((j) => (j.status === "printing" || j.status === "paused") && (data.printerJobId === null || j.printerJobId === data.printerJobId));
  if (!open) return jobs;
  const live: JobView = {
    ...open,
    status: state,
    progress: data.progress ?? open.progress,
    layer: data.layer ?? open.layer,
    totalLayers: data.totalLayers ?? open.totalLayers,
  };
  return jobs.map((j) => (j === open ? live : j));
}
