"use client";

import { useTranslations } from "next-intl";
import type { FilamentSlot } from "@/lib/printers/types";

/** Loaded spools as colour chips; the material name is written too, so colour is never the only carrier. Nothing when none is known. */
export function FilamentChips({ slots, max = 5 }: { slots: FilamentSlot[]; max?: number }) {
  const t = useTranslations("printers.live");
  const shown = slots.filter((s) => s.color || s.type).slice(0, max);
  if (shown.length === 0) return null;
  return (
    <ul className="flex min-w-0 flex-wrap gap-1" aria-label={t("filament")}>
      {shown.map((slot) => (
        <li
          key={slot.id}
          title={[slot.type, slot.color].filter(Boolean).join(" ")}
          className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs ${slot.active ? "border-slate-700 font-semibold dark:border-slate-300" : "border-slate-300 dark:border-slate-700"}`}
        >
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm border border-slate-400" style={{ backgroundColor: slot.color ?? "transparent" }} />
          <span>{slot.type ?? "?"}</span>
          {slot.active ? <span className="sr-only">{t("activeSlot")}</span> : null}
        </li>
      ))}
    </ul>
  );
}
