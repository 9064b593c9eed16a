"use client";

import { useLocale } from "next-intl";
import { formatMoneyInput } from "@/lib/format/parse-number";
import { NumberInput, type NumberInputProps } from "./number-input";

/** Euros with cents ("24,99 €"); the value is integer cents, read back with `reader.money`. */
export function MoneyInput({ cents, ...props }: Omit<NumberInputProps, "defaultValue" | "adornment"> & { cents?: number | null }) {
  const locale = useLocale();
  return <NumberInput {...props} adornment="€" defaultValue={cents === undefined || cents === null ? undefined : formatMoneyInput(cents, locale)} />;
}
