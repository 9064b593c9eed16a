"use client";

import { useLivePrinter } from "@/components/printers/fleet-provider";
import { BedCallout } from "./bed-callout";
import { NextInQueue } from "./next-in-queue";

/** On a printer's page: the call to clear its bed (when nothing can start before) and what the queue has next for it. */
export function PrinterQueuePanel({ id, canControl }: { id: string; canControl: boolean }) {
  const printer = useLivePrinter(id);
  if (!printer) return null;
  return (
    <div className="space-y-4">
      <BedCallout printer={printer} canConfirm={canControl} size="page" />
      <NextInQueue printer={printer} size="page" />
    </div>
  );
}
