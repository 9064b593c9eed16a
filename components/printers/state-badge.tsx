"use client";

import { useTranslations } from "next-intl";
import { Icon } from "@/components/shell/icons";
import type { PrinterStateName } from "@/lib/printers/types";
import { disabledStyle, stateStyle } from "./state-style";

/** The printer's state, or "disabled" in place of it for a printer switched off. */
export function StateBadge({ state, disabled = false, large = false }: { state: PrinterStateName; disabled?: boolean; large?: boolean }) {
  const t = useTranslations("printers.state");
  const style = disabled ? disabledStyle : stateStyle[state];
  const shown = disabled ? "disabled" : state;
  return (
    <span
      data-testid="printer-state"
      data-state={shown}
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full font-semibold ${style.badge} ${large ? "px-3 py-1 text-base" : "px-2 py-0.5 text-xs"}`}
    >
      <Icon name={style.icon} className={large ? "h-5 w-5" : "h-3.5 w-3.5"} />
      {t(shown)}
    </span>
  );
}
