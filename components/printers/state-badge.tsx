"use client";

import { useTranslations } from "next-intl";
import { Icon } from "@/components/shell/icons";
import type { PrinterStateName } from "@/lib/printers/types";
import { stateStyle } from "./state-style";

export function StateBadge({ state, large = false }: { state: PrinterStateName; large?: boolean }) {
  const t = useTranslations("printers.state");
  const style = stateStyle[state];
  return (
    <span
      data-testid="printer-state"
      data-state={state}
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full font-semibold ${style.badge} ${large ? "px-3 py-1 text-base" : "px-2 py-0.5 text-xs"}`}
    >
      <Icon name={style.icon} className={large ? "h-5 w-5" : "h-3.5 w-3.5"} />
      {t(state)}
    </span>
  );
}
