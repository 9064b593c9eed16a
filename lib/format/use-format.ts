"use client";

import { useLocale } from "next-intl";
import { useMemo } from "react";
import { formatBytes } from "./bytes";
import { formatDate, formatDateTime, formatDateTimeStyled, formatEta, formatTime } from "./date";
import { formatDuration } from "./duration";
import { formatDecimalText, formatFixed, formatGrams, formatNumber, formatPercent, formatTemperature } from "./number";

/** The Intl helpers bound to the page's locale. */
export function useFormat() {
  const locale = useLocale();
  return useMemo(
    () => ({
      locale,
      dateTime: (v: Date | string) => formatDateTime(locale, v),
      dateTimeStyled: (v: Date | string, dateStyle: "short" | "medium" | "long", timeStyle: "short" | "medium") =>
        formatDateTimeStyled(locale, v, dateStyle, timeStyle),
      date: (v: Date | string) => formatDate(locale, v),
      time: (v: Date | string, seconds?: boolean) => formatTime(locale, v, seconds),
      eta: (now: Date, remainingSeconds: number) => formatEta(locale, now, remainingSeconds),
      duration: (s: number | null) => formatDuration(locale, s),
      number: (v: number, digits?: number) => formatNumber(locale, v, digits),
      fixed: (v: number, digits: number) => formatFixed(locale, v, digits),
      decimal: (text: string, minimumFractionDigits?: number, unit?: "EUR") => formatDecimalText(locale, text, minimumFractionDigits, unit),
      temperature: (v: number | null) => formatTemperature(locale, v),
      percent: (v: number | null) => formatPercent(locale, v),
      grams: (v: number | null) => formatGrams(locale, v),
      bytes: (v: number | null) => formatBytes(locale, v),
    }),
    [locale],
  );
}
