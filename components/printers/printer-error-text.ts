"use client";

import { useTranslations } from "next-intl";

/** Localizes a message key under "printerErrors", falling back to the vendor's own text or the key itself. */
export function usePrinterErrorText(): (key: string | null, fallback?: string | null) => string {
  const t = useTranslations("printerErrors");
  return (key, fallback) => {
    if (key && t.has(key)) return t(key);
    return fallback ?? key ?? "";
  };
}
