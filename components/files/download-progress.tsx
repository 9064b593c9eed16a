"use client";

import { useTranslations } from "next-intl";
import { formatBytes } from "@/lib/format/bytes";
import { useFormat } from "@/lib/format/use-format";

/** A running download: bar, bytes and speed; announced politely to screen readers. */
export function DownloadProgress({ bytes, total, speed }: { bytes: number; total: number | null; speed: number | null }) {
  const t = useTranslations("files");
  const { locale } = useFormat();
  const percent = total ? Math.min(100, Math.round((bytes / total) * 100)) : null;
  return (
    <div className="min-w-[9rem]" data-testid="download-progress">
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-label={t("status.downloading")}
        className="h-1.5 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-700"
      >
        <div className="h-full bg-amber-500 transition-[width]" style={{ width: `${percent ?? 0}%` }} />
      </div>
      <p className="mt-1 text-xs tabular-nums text-slate-600 dark:text-slate-400" aria-live="polite">
        {t("progress", { done: formatBytes(locale, bytes), total: formatBytes(locale, total) })}
        {speed !== null ? ` · ${t("speed", { speed: formatBytes(locale, speed) })}` : null}
      </p>
    </div>
  );
}
