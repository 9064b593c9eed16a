"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatBytes } from "@/lib/format/bytes";

/** A file's size; where the printer's listing left it out, a muted "unknown" rather than a bare dash that reads like zero. */
export function FileSize({ bytes }: { bytes: number | null }) {
  const t = useTranslations("files");
  const locale = useLocale();
  if (bytes === null) {
    return (
      <span className="italic text-slate-500 dark:text-slate-400" data-testid="file-size-unknown">
        {t("sizeUnknown")}
      </span>
    );
  }
  return formatBytes(locale, bytes);
}
