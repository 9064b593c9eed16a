"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, FormMessage } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { Section } from "@/components/settings/section";
import type { BackupFile, BackupOverview } from "@/lib/backup/schemas";
import { backupDownloadHref, backupRun, startBackup, useBackups } from "@/lib/client/use-backups";
import { useFormat } from "@/lib/format/use-format";

const POLL_MS = 1000;

type Progress = { phase: "pending" | "running" } | { phase: "succeeded"; file: string | null } | { phase: "failed"; error: string };

/** "Back up now" with its progress, the stored backups with downloads, schedule and restore. */
export function BackupsManager({ initial }: { initial: BackupOverview }) {
  const t = useTranslations("backup");
  const { overview, revalidate } = useBackups(initial);
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = progress?.phase === "pending" || progress?.phase === "running";

  async function backUpNow() {
    setError(null);
    try {
      let run = await startBackup();
      while (run.status === "pending" || run.status === "running") {
        setProgress({ phase: run.status });
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        run = await backupRun(run.commandId);
      }
      setProgress(run.status === "succeeded" ? { phase: "succeeded", file: run.file } : { phase: "failed", error: run.error ?? "" });
      await revalidate();
      // The status card above is rendered on the server.
      router.refresh();
    } catch (err) {
      setProgress(null);
      setError(errorMessage(err));
    }
  }

  const sqlite = overview.database === "sqlite";
  const downloads = (backup: BackupFile) => (
    <div className="flex flex-wrap gap-x-3 gap-y-1">
      <a href={backupDownloadHref(backup.name)} download className="text-brand-700 hover:underline dark:text-brand-100" data-testid="backup-download">
        {t("list.downloadDatabase")}
      </a>
      {backup.filesArchive && (
        <a href={backupDownloadHref(backup.filesArchive)} download className="text-brand-700 hover:underline dark:text-brand-100">
          {t("list.downloadFiles")}
        </a>
      )}
    </div>
  );
  return (
    <div className="space-y-6">
      <Section title={t("now.heading")} testId="backup-now">
        {sqlite ? (
          <>
            <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{t("now.description")}</p>
            <Button type="button" onClick={() => void backUpNow()} disabled={busy} data-testid="backup-now-button">
              {busy ? t("now.running") : t("now.button")}
            </Button>
            <div aria-live="polite" className="mt-4 text-sm" data-testid="backup-progress">
              {progress?.phase === "pending" && <p>{t("now.pending")}</p>}
              {progress?.phase === "running" && <p>{t("now.inProgress")}</p>}
              {progress?.phase === "succeeded" && (
                <FormMessage kind="success" testId="backup-result">
                  {t("now.succeeded", { file: progress.file ?? "" })}
                </FormMessage>
              )}
              {progress?.phase === "failed" && (
                <FormMessage kind="error" testId="backup-result">
                  {t("now.failed", { error: progress.error })}
                </FormMessage>
              )}
              {error && (
                <FormMessage kind="error" testId="backup-error">
                  {error}
                </FormMessage>
              )}
            </div>
          </>
        ) : (
          <p className="text-sm" data-testid="backup-postgres">
            {t("postgres.description")}
          </p>
        )}
      </Section>

      {sqlite && (
        <Section title={t("list.heading")} testId="backup-list">
          {overview.backups.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("list.empty")}</p>
          ) : (
            <>
              {/* A phone gets one card per backup; the table needs more width than it has. */}
              <ul className="space-y-3 sm:hidden" data-testid="backup-cards">
                {overview.backups.map((backup) => (
                  <li key={backup.name} className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800" data-testid="backup-row">
                    <p className="font-medium">{format.dateTime(backup.at)}</p>
                    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
                      <dt className="text-slate-600 dark:text-slate-400">{t("list.database")}</dt>
                      <dd>{format.bytes(backup.sizeBytes)}</dd>
                      <dt className="text-slate-600 dark:text-slate-400">{t("list.files")}</dt>
                      <dd>{backup.filesArchive ? format.bytes(backup.filesArchiveBytes) : t("list.noFiles")}</dd>
                      <dt className="text-slate-600 dark:text-slate-400">{t("list.verification")}</dt>
                      <dd className="text-emerald-700 dark:text-emerald-400">{t("list.verified")}</dd>
                    </dl>
                    <div className="mt-2">{downloads(backup)}</div>
                  </li>
                ))}
              </ul>
            <div className="hidden overflow-x-auto sm:block">
              <table className="w-full text-left text-sm" data-testid="backup-table">
                <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800 dark:text-slate-400">
                  <tr>
                    {(["time", "database", "files", "verification", "download"] as const).map((column) => (
                      <th key={column} scope="col" className="py-2 pr-4 font-medium">
                        {t(`list.${column}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {overview.backups.map((backup) => (
                    <tr key={backup.name} className="border-b border-slate-100 last:border-0 dark:border-slate-800" data-testid="backup-row">
                      <td className="whitespace-nowrap py-2 pr-4">{format.dateTime(backup.at)}</td>
                      <td className="whitespace-nowrap py-2 pr-4">{format.bytes(backup.sizeBytes)}</td>
                      <td className="whitespace-nowrap py-2 pr-4">{backup.filesArchive ? format.bytes(backup.filesArchiveBytes) : t("list.noFiles")}</td>
                      <td className="py-2 pr-4 text-emerald-700 dark:text-emerald-400">{t("list.verified")}</td>
                      <td className="py-2 pr-4">
                        {downloads(backup)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            </>
          )}
        </Section>
      )}

      <Section title={t("schedule.heading")} testId="backup-schedule">
        <p className="text-sm">
          {!sqlite ? t("schedule.postgres") : overview.time === "off" ? t("schedule.off") : t("schedule.daily", { time: overview.time })}
        </p>
        {overview.nextAt && <p className="mt-1 text-sm">{t("schedule.next", { when: format.dateTime(overview.nextAt) })}</p>}
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">{t("schedule.hint")}</p>
      </Section>

      <Section title={t("restore.heading")} testId="backup-restore">
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          {(sqlite ? (["stop", "command", "files", "start"] as const) : (["pgStop", "pgCommand", "pgFiles", "pgStart"] as const)).map((step) => (
            <li key={step}>{t(`restore.${step}`)}</li>
          ))}
        </ol>
      </Section>
    </div>
  );
}
