"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, FormMessage } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { materialsForTray, spoolFromTray, traysWithoutSpool } from "@/lib/business/inventory/reported-trays";
import type { MaterialView, SpoolView } from "@/lib/business/inventory/schemas";
import { createSpool } from "@/lib/client/use-materials";
import { usePrinters } from "@/lib/client/use-printers";
import { useSlotLabel } from "./spool-slot-picker";

/**
 * Filament the printers report in slots that hold no spool yet (an AMS tray with PLA,
 * the external spool): one click makes the spool, of a material of the reported type,
 * loaded in that slot, with what the AMS says is left of 1000 g.
 */
export function ReportedTrays({ printers, spools, materials }: { printers: { id: string; name: string }[]; spools: SpoolView[]; materials: MaterialView[] }) {
  const t = useTranslations("business.materials.trays");
  const slotLabel = useSlotLabel();
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const { printers: live } = usePrinters();
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const trays = traysWithoutSpool(printers, (id) => live?.find((p) => p.id === id)?.live?.data?.filament ?? [], spools);
  if (trays.length === 0) return null;

  async function create(key: string, printerId: string, slot: { id: string; remainingPercent: number | null }, materialId: string) {
    setMessage(null);
    try {
      await createSpool(spoolFromTray(printerId, slot, materialId));
      setMessage({ kind: "success", text: t("created") });
      setChosen(({ [key]: _, ...rest }) => rest);
      router.refresh();
    } catch (err) {
      setMessage({ kind: "error", text: errorMessage(err) });
    }
  }

  return (
    <section aria-labelledby="reported-trays" className="mb-6 rounded-xl border border-sky-200 bg-sky-50 p-4 dark:border-sky-900 dark:bg-sky-950" data-testid="reported-trays">
      <h2 id="reported-trays" className="text-base font-semibold">{t("title")}</h2>
      <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">{t("hint")}</p>
      <ul className="space-y-2">
        {trays.map(({ key, printer, slot }) => {
          const options = materialsForTray(slot, materials);
          const materialId = chosen[key] ?? options[0]?.id ?? "";
          return (
            <li key={key} className="flex flex-wrap items-center gap-2 text-sm" data-testid="reported-tray">
              {slot.color ? <span aria-hidden="true" className="inline-block h-4 w-4 rounded-full border border-slate-400" style={{ backgroundColor: slot.color }} /> : null}
              <span className="font-medium">{printer.name}: {slotLabel(slot)}</span>
              {options.length > 0 ? (
                <>
                  <label className="sr-only" htmlFor={`tray-${key}`}>{t("material")}</label>
                  <select
                    id={`tray-${key}`}
                    value={materialId}
                    onChange={(event) => setChosen((current) => ({ ...current, [key]: event.target.value }))}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
                  >
                    {options.map((m) => (
                      <option key={m.id} value={m.id}>{`${m.brand} ${m.type} ${m.color}`}</option>
                    ))}
                  </select>
                  <Button variant="secondary" onClick={() => void create(key, printer.id, slot, materialId)} data-testid="reported-tray-create">
                    {t("create")}
                  </Button>
                </>
              ) : (
                <span className="text-slate-600 dark:text-slate-300">{t("noMaterial", { type: slot.type ?? "" })}</span>
              )}
            </li>
          );
        })}
      </ul>
      {message ? <div className="mt-2"><FormMessage kind={message.kind} testId="reported-trays-message">{message.text}</FormMessage></div> : null}
    </section>
  );
}
