"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { useLiveEvent } from "@/lib/client/use-live";
import { useRouter } from "@/i18n/navigation";
import type { EventPayload } from "@/lib/catalog/events";
import { cancelDownload, queueDownloads } from "@/lib/client/use-files";
import type { FileView } from "@/lib/files/schemas";
import { useFormat } from "@/lib/format/use-format";
import { DownloadProgress } from "./download-progress";
import { FileSize } from "./file-size";
import { FileStatusBadge } from "./file-status-badge";
import { SendToPrinterDialog } from "./send-to-printer-dialog";
import { useDownloadBatch } from "./use-download-batch";

type Progress = EventPayload<"file.download">;

const DISABLED_HINT_ID = "files-printer-disabled-hint";

/** A printer file that is not here yet (or failed to come), so a download is what to offer. */
const fetchable = (file: FileView) => file.source === "printer" && (file.status === "available" || file.status === "failed");

/** A file with a local copy here, which can be sent to a printer. */
const sendable = (file: FileView) => (file.status === "downloaded" || file.status === "local") && !file.needsSlicing;

const button = "whitespace-nowrap rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";

/**
 * The combined file list. Progress of running downloads comes live from "file.download"
 * events; when one ends the page is re-rendered on the server (statuses, sizes, links).
 */
export function FilesTable({ files, canManage, canDownload }: { files: FileView[]; canManage: boolean; canDownload: boolean }) {
  const t = useTranslations("files");
  const f = useFormat();
  const router = useRouter();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [live, setLive] = useState<ReadonlyMap<string, Progress>>(new Map());
  const [notice, setNotice] = useState("");
  const [sending, setSending] = useState<FileView | null>(null);
  const errorMessage = useErrorMessage();
  const batch = useDownloadBatch(live, files);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refreshSoon = () => {
    if (refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      router.refresh();
    }, 400);
  };

  useLiveEvent("file.download", (event) => {
    const progress = event.payload;
    setLive((prev) => new Map(prev).set(progress.downloadId, progress));
    if (progress.status !== "downloading") refreshSoon();
  });
  useLiveEvent("files.synced", () => refreshSoon());

  // A disabled printer's files are there, but the worker does not connect to it, so they cannot be fetched now.
  const selectable = files.filter((file) => fetchable(file) && !file.printerDisabled);
  const allSelected = selectable.length > 0 && selectable.every((file) => selected.has(file.id));

  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const queue = async (ids: string[]) => {
    try {
      const result = await queueDownloads(ids);
      batch.follow(result.queued);
      setNotice(result.queued.length > 0 ? "" : t("nothingQueued"));
    } catch (err) {
      setNotice(errorMessage(err));
    }
    setSelected(new Set());
    router.refresh();
  };

  const cancel = async (id: string) => {
    try {
      await cancelDownload(id);
      setNotice("");
    } catch (err) {
      setNotice(errorMessage(err));
    }
    router.refresh();
  };

  if (files.length === 0) return <p className="p-3 text-sm text-slate-600 dark:text-slate-400" data-testid="files-empty">{t("empty")}</p>;
  return (
    <div>
      {canManage ? (
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
          <span className="text-sm text-slate-600 dark:text-slate-400">{t("selected", { count: selected.size })}</span>
          <button type="button" className={button} disabled={selected.size === 0} onClick={() => void queue([...selected])} data-testid="files-download-selected">
            {t("downloadSelected")}
          </button>
        </div>
      ) : null}
      {canManage && files.some((file) => fetchable(file) && file.printerDisabled) ? (
        <span id={DISABLED_HINT_ID} hidden>
          {t("printerDisabled")}
        </span>
      ) : null}
      <p role="status" aria-live="polite" className="px-3 text-sm text-slate-700 dark:text-slate-300" data-testid="files-notice">
        {batch.notice ?? notice}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="files-table">
          <caption className="sr-only">{t("title")}</caption>
          <thead className="text-left text-xs text-slate-600 dark:text-slate-400">
            <tr className="h-9">
              {canManage ? (
                <th scope="col" className="w-8 px-2">
                  <input
                    type="checkbox"
                    aria-label={t("selectAll")}
                    checked={allSelected}
                    disabled={selectable.length === 0}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((file) => file.id)))}
                  />
                </th>
              ) : null}
              <th scope="col" className="px-2"><span className="sr-only">{t("columns.preview")}</span></th>
              <th scope="col" className="px-2">{t("columns.name")}</th>
              <th scope="col" className="px-2">{t("columns.printer")}</th>
              <th scope="col" className="px-2">{t("columns.status")}</th>
              <th scope="col" className="px-2 text-right">{t("columns.size")}</th>
              <th scope="col" className="px-2">{t("columns.modified")}</th>
              <th scope="col" className="px-2 text-right">{t("columns.printTime")}</th>
              <th scope="col" className="px-2 text-right">{t("columns.filament")}</th>
              <th scope="col" className="px-2"><span className="sr-only">{t("columns.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {files.map((file) => {
              const progress = file.download ? live.get(file.download.id) : undefined;
              const download = file.download ? { ...file.download, ...(progress ?? {}) } : null;
              const running = file.status === "downloading" && download !== null && (download.status === "queued" || download.status === "downloading");
              const canSelect = selectable.includes(file);
              return (
                <tr key={file.id} data-testid="file-row" data-file-id={file.id} data-status={file.status} className="h-12 border-t border-slate-200 align-middle dark:border-slate-800">
                  {canManage ? (
                    <td className="px-2">
                      {canSelect ? (
                        <input type="checkbox" aria-label={t("selectFile", { name: file.name })} checked={selected.has(file.id)} onChange={() => toggle(file.id)} />
                      ) : null}
                    </td>
                  ) : null}
                  <td className="px-2">
                    {file.thumbnailUrl ? (
                      // eslint-disable-next-line @next/next/no-img-element -- served by our API with the session cookie; next/image would proxy it
                      <img src={file.thumbnailUrl} alt="" width={40} height={40} loading="lazy" className="h-10 w-10 rounded object-contain" />
                    ) : (
                      <span className="block h-10 w-10 rounded bg-slate-100 dark:bg-slate-800" title={t("noPreview")} />
                    )}
                  </td>
                  <th scope="row" className="max-w-[12rem] truncate px-2 text-left font-medium" title={file.path ?? file.name}>
                    {file.name}
                    {file.needsSlicing ? (
                      <span className="block whitespace-normal text-xs font-normal text-amber-800 dark:text-amber-300" data-testid="file-needs-slicing">
                        {t("needsSlicing")}
                      </span>
                    ) : null}
                  </th>
                  <td className="px-2">{file.printerName ?? "–"}</td>
                  <td className="px-2">
                    <div className="flex flex-col gap-1">
                      <FileStatusBadge status={file.status} queued={download?.status === "queued"} />
                      {running && download && download.status !== "queued" ? (
                        <DownloadProgress bytes={download.bytes} total={download.total ?? file.size} speed={download.speed} />
                      ) : null}
                      {file.status === "failed" && file.download?.error ? (
                        <span className="text-xs text-red-800 dark:text-red-300" data-testid="file-error">{t.has(`errors.${file.download.error}`) ? t(`errors.${file.download.error}`) : t("actionFailed")}</span>
                      ) : null}
                    </div>
                  </td>
                  <td className="whitespace-nowrap px-2 text-right tabular-nums" data-testid="file-size">
                    <FileSize bytes={file.size} />
                  </td>
                  <td className="px-2 tabular-nums">{file.modifiedAt ? f.dateTime(file.modifiedAt) : "–"}</td>
                  <td className="px-2 text-right tabular-nums">{file.printSeconds !== null ? f.duration(file.printSeconds) : "–"}</td>
                  <td className="whitespace-nowrap px-2 text-right tabular-nums">
                    <span className="inline-flex items-center gap-1">
                      {file.filaments.map((fil, i) => (
                        <span key={i} aria-hidden="true" className="inline-block h-3 w-3 rounded-full border border-slate-300" style={{ backgroundColor: fil.color ?? "transparent" }} title={fil.type ?? ""} />
                      ))}
                      {f.grams(file.filamentGrams)}
                    </span>
                  </td>
                  <td className="whitespace-nowrap px-2 text-right">
                    <div className="flex justify-end gap-1">
                      {canManage && running ? (
                        <button type="button" className={button} onClick={() => void cancel(file.id)} data-testid="file-cancel">
                          {t("cancel")}
                        </button>
                      ) : null}
                      {canManage && fetchable(file) ? (
                        <button
                          type="button"
                          className={button}
                          onClick={() => void queue([file.id])}
                          disabled={!canSelect}
                          data-testid="file-download"
                          {...(file.printerDisabled ? { title: t("printerDisabled"), "aria-describedby": DISABLED_HINT_ID } : {})}
                        >
                          {file.status === "failed" ? t("downloadAgain") : t("download")}
                        </button>
                      ) : null}
                      {canManage && sendable(file) ? (
                        <button type="button" className={button} onClick={() => setSending(file)} aria-label={t("send.actionLabel", { name: file.name })} data-testid="file-send">
                          {t("send.action")}
                        </button>
                      ) : null}
                      {canDownload && file.contentUrl ? (
                        <a href={file.contentUrl} className={button} download data-testid="file-save">
                          {t("save")}
                        </a>
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {sending ? <SendToPrinterDialog key={sending.id} file={sending} onClose={() => setSending(null)} /> : null}
    </div>
  );
}
