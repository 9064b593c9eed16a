"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { SelectField } from "@/components/auth/form-controls";
import type { SpoolView } from "@/lib/business/inventory/schemas";
import { usePrinters } from "@/lib/client/use-printers";
import type { FilamentSlot } from "@/lib/printers/types";

/** How a reported slot reads in a picker: "AMS 1, Fach 2 – PLA #FF0000", "externe Spule", "Werkzeug 1". */
export function useSlotLabel() {
  const t = useTranslations("business.materials");
  return (slot: Pick<FilamentSlot, "id" | "type" | "color">) => {
    const tray = /^ams(\d+)-tray(\d+)$/.exec(slot.id);
    const tool = /^tool(\d+)$/.exec(slot.id);
    const place = tray
      ? t("slotAms", { ams: Number(tray[1]) + 1, tray: Number(tray[2]) + 1 })
      : slot.id === "ext"
        ? t("slotExternal")
        : tool
          ? t("slotTool", { tool: Number(tool[1]) + 1 })
          : slot.id;
    const loaded = [slot.type, slot.color].filter(Boolean).join(" ");
    return loaded ? `${place} – ${loaded}` : place;
  };
}

/**
 * The printer and slot of a new spool: the slots are the ones the printer reports live
 * (AMS trays, external spool, tools), not typed by hand. A slot that already holds a
 * spool is marked.
 */
export function SpoolSlotPicker({ printers, spools }: { printers: { id: string; name: string }[]; spools: SpoolView[] }) {
  const t = useTranslations("business.materials");
  const slotLabel = useSlotLabel();
  const { printers: live } = usePrinters();
  const [printerId, setPrinterId] = useState("");
  const slots = live?.find((printer) => printer.id === printerId)?.live?.data?.filament ?? [];
  const taken = new Set(spools.filter((spool) => spool.printerId === printerId && !spool.archived).map((spool) => spool.slot));
  return (
    <>
      <SelectField
        label={t("printer")}
        name="printerId"
        value={printerId}
        onChange={(event) => setPrinterId(event.target.value)}
        options={[{ value: "", label: "—" }, ...printers.map((printer) => ({ value: printer.id, label: printer.name }))]}
      />
      <SelectField
        label={t("slot")}
        name="slot"
        disabled={printerId === "" || slots.length === 0}
        hint={printerId !== "" && slots.length === 0 ? t("noSlots") : undefined}
        options={[{ value: "", label: "—" }, ...slots.map((slot) => ({ value: slot.id, label: `${slotLabel(slot)}${taken.has(slot.id) ? ` (${t("slotTaken")})` : ""}` }))]}
      />
    </>
  );
}
