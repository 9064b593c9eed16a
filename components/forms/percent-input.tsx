"use client";

import { useLocale } from "next-intl";
import { formatPercentInput } from "@/lib/format/parse-number";
import { NumberInput, type NumberInputProps } from "./number-input";

/** A percentage ("42,5 %"); the value is basis points, read back with `reader.percent`. */
export function PercentInput({ bp, ...props }: Omit<NumberInputProps, "defaultValue" | "adornment"> & { bp?: number | null }) {
  const locale = useLocale();
  return <NumberInput {...props} adornment="%" defaultValue={bp === undefined || bp === null ? undefined : formatPercentInput(bp, locale)} />;
}
