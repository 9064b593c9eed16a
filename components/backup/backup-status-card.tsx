import { getLocale, getTranslations } from "next-intl/server";
import { Section } from "@/components/settings/section";
import { Link } from "@/i18n/navigation";
import type { BackupOverview } from "@/lib/backup/schemas";
import { formatDateTime } from "@/lib/format/date";
import { formatBytes } from "@/lib/format/bytes";
import { formatNumber } from "@/lib/format/number";

/** The latest backup's outcome, so the shop owner sees at a glance that backups run. */
export async function BackupStatusCard({ overview }: { overview: BackupOverview }) {
  const t = await getTranslations("backup");
  const locale = await getLocale();
  const when = (iso: string) => formatDateTime(locale, iso);
  const { state, overdueSince } = overview;
  const last = state.lastSuccess;
  const failed = state.lastError !== null;
  const tone = failed || overdueSince ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400";
  const health = failed ? t("failed") : overdueSince ? t("stale", { due: when(overdueSince) }) : last ? t("ok") : t("pending");
  return (
    <Section title={t("title")} testId="backup-status">
      <p className={`text-sm font-medium ${last || failed || overdueSince ? tone : ""}`} data-testid="backup-health">
        {health}
      </p>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600 dark:text-slate-400">{t("lastSuccess")}</dt>
        <dd data-testid="backup-last-success">{last ? when(last.at) : t("never")}</dd>
        {last && (
          <>
            <dt className="text-slate-600 dark:text-slate-400">{t("size")}</dt>
            <dd>{formatBytes(locale, last.sizeBytes)}</dd>
            <dt className="text-slate-600 dark:text-slate-400">{t("duration")}</dt>
            <dd>{formatNumber(locale, last.durationMs / 1000, 1)} s</dd>
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
      <Link href="/settings/backups" className="mt-3 inline-block text-sm font-medium text-brand-700 underline dark:text-brand-100" data-testid="backup-open">
        {t("open")}
      </Link>
    </Section>
  );
}
