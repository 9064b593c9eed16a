"use client";

import type { CurrentThumbnail } from "@/lib/jobs/schemas";
import { PrinterQueuePanel } from "@/components/queue/printer-queue-panel";
import type { PrinterView } from "@/lib/printers/schemas";
import { AdminActions } from "./admin-actions";
import { CameraSnapshot } from "./camera-snapshot";
import { Diagnostics } from "./diagnostics";
import { JobStartsProvider } from "./job-starts";
import { SinglePrinterProvider } from "./fleet-provider";
import { LiveTemperatureChart } from "./live-temperature-chart";
import { PrinterControls } from "./printer-controls";
import { PrinterLiveDetail } from "./printer-live-detail";

/** The live parts of a printer's page around one store, the bed and the queue first; controls only for those allowed. */
export function PrinterPageLive({
  printer,
  thumbnails,
  jobStarts,
  canControl,
  canManage,
  children,
}: {
  printer: PrinterView;
  thumbnails: CurrentThumbnail[];
  jobStarts: Record<string, string>;
  canControl: boolean;
  canManage: boolean;
  children?: React.ReactNode;
}) {
  return (
    <SinglePrinterProvider initial={printer} thumbnails={thumbnails}>
      <JobStartsProvider initial={jobStarts}>
        {/* On a phone the two columns dissolve into one, ordered so the camera follows the live values and controls. */}
        <div className="flex flex-col gap-6 xl:grid xl:grid-cols-[minmax(0,1fr)_24rem]">
          <div className="contents xl:block xl:min-w-0 xl:space-y-6">
            <div className="order-1 min-w-0 space-y-6">
              <PrinterQueuePanel id={printer.id} canControl={canControl} />
              <PrinterLiveDetail id={printer.id} controls={canControl ? <PrinterControls id={printer.id} /> : null} />
            </div>
            <div className="order-3 min-w-0">
              <LiveTemperatureChart printerId={printer.id} />
            </div>
            <div className="order-5 min-w-0 space-y-6">{children}</div>
          </div>
          <div className="contents xl:block xl:min-w-0 xl:space-y-6">
            <div className="order-2 min-w-0">
              <CameraSnapshot printerId={printer.id} />
            </div>
            <div className="order-4 min-w-0 space-y-6">
              <Diagnostics id={printer.id} />
              {canManage ? <AdminActions id={printer.id} /> : null}
            </div>
          </div>
        </div>
      </JobStartsProvider>
    </SinglePrinterProvider>
  );
}
