"use client";

import type { CurrentThumbnail } from "@/lib/jobs/schemas";
import type { PrinterView } from "@/lib/printers/schemas";
import { AdminActions } from "./admin-actions";
import { CameraSnapshot } from "./camera-snapshot";
import { Diagnostics } from "./diagnostics";
import { SinglePrinterProvider } from "./fleet-provider";
import { LiveTemperatureChart } from "./live-temperature-chart";
import { PrinterControls } from "./printer-controls";
import { PrinterLiveDetail } from "./printer-live-detail";

/** The live parts of a printer's page around one store; controls only for those allowed. */
export function PrinterPageLive({
  printer,
  thumbnails,
  canControl,
  canManage,
  children,
}: {
  printer: PrinterView;
  thumbnails: CurrentThumbnail[];
  canControl: boolean;
  canManage: boolean;
  children?: React.ReactNode;
}) {
  return (
    <SinglePrinterProvider initial={printer} thumbnails={thumbnails}>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-6">
          <PrinterLiveDetail id={printer.id} controls={canControl ? <PrinterControls id={printer.id} /> : null} />
          <LiveTemperatureChart printerId={printer.id} />
          {children}
        </div>
        <div className="min-w-0 space-y-6">
          <CameraSnapshot printerId={printer.id} />
          <Diagnostics id={printer.id} />
          {canManage ? <AdminActions id={printer.id} /> : null}
        </div>
      </div>
    </SinglePrinterProvider>
  );
}
