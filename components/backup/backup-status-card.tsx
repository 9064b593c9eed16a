import { getLocale, getTranslations } from "next-intl/server";
import { Section } from "@/components/settings/section";
import type { BackupState } from "@/lib/backup/state";
import { formatDateTimeStyled } from "@/lib/format/date";
import { formatNumber } from "@/lib/format/number";

const STALE_MS = 26 * 3_600_000;

/** The latest backup's outcome, so the shop owner sees at a glance that backups run. */
export async function BackupStatusCard({ state, now = new Date() }: { state: BackupState; now?: Date }) {
  const t = await getTranslations("backup");
  const locale = await getLocale();
  const when = (iso: string) => formatDateTimeStyled(locale, iso, "medium", "short");
  const last = state.lastSuccess;
  const stale = !last || now.getTime() - Date.parse(last.at) > STALE_MS;
  const failed = state.lastError !== null;
  const tone = failed || stale ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400";
  return (
    <Section title={t("title")} testId="backup-status">
      <p className={`text-sm font-medium ${tone}`} data-testid="backup-health">
        {failed ? t("failed") : stale ? t("stale") : t("ok")}
      </p>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600 dark:text-slate-400">{t("lastSuccess")}</dt>
        <dd data-testid="backup-last-success">{last ? when(last.at) : t("never")}</dd>
        {last && (
          <>
            <dt className="text-slate-600 dark:text-slate-400">{t("size")}</dt>
            <dd>{formatNumber(locale, last.sizeBytes / 1_048_576, 1)} MB</dd>
            <dt className="text-slate-600 dark:text-slate-400">{t("duration")}</dt>
            <dd>{formatNumber(locale, last.durationMs / 1000, 1)} s</dd>
            <dt className="text-slate-600 dark:text-slate-400">{t("file")}</dt>
            <dd className="break-all font-mono text-xs">{last.file}</dd>
          </>
        )}
        {failed && state.lastAttemptAt && (
          <>
            <dt className="text-slate-600 dark:text-slate-400">{t("lastError")}</dt>
            <dd className="break-words text-red-700 dark:text-red-400" data-testid="backup-last-error">
              {when(state.lastAttemptAt)}: {state.lastError}
            </dd>
          </>
        )}
      </dl>
      <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">{t("hint")}</p>
    </Section>
  );
}
