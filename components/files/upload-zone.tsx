"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type DragEvent } from "react";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { Icon } from "@/components/shell/icons";
import { ApiClientError } from "@/lib/client/api-error";
import { uploadFile } from "@/lib/client/upload-files";
import { fileTypeOf } from "@/lib/files/file-type";
import type { FileView } from "@/lib/files/schemas";
import { formatBytes } from "@/lib/format/bytes";

type Upload = {
  key: number;
  name: string;
  /** 0..1 of the request body sent. */
  sent: number;
  state: "uploading" | "checking" | "done" | "cancelled" | "failed";
  stored?: FileView;
  error?: string;
  controller: AbortController;
};

const ACCEPT = ".gcode,.bgcode,.3mf";
const button =
  "inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";

/**
 * The library upload on the files page: a drop zone and a file picker (several files at
 * once), one request per file so each has its own progress bar and cancel button, the
 * outcome of each in the user's language, and the list refreshed after every stored file.
 * Types and sizes the server would refuse are refused here before anything is sent.
 */
export function UploadZone({ maxBytes }: { maxBytes: number }) {
  const t = useTranslations("filesUpload");
  const locale = useLocale();
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const picker = useRef<HTMLInputElement>(null);
  const nextKey = useRef(1);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const live = useRef(new Set<AbortController>());
  const max = formatBytes(locale, maxBytes);

  useEffect(() => {
    const open = live.current;
    return () => open.forEach((controller) => controller.abort());
  }, []);

  const update = (key: number, change: Partial<Upload>) => setUploads((prev) => prev.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const start = (file: File) => {
    const key = nextKey.current++;
    const controller = new AbortController();
    const refusal = fileTypeOf(file.name) === "other" ? t("typeUnsupported") : file.size > maxBytes ? t("tooLarge", { max }) : null;
    setUploads((prev) => [...prev, { key, name: file.name, sent: 0, state: refusal ? "failed" : "uploading", error: refusal ?? undefined, controller }]);
    if (refusal) return;
    live.current.add(controller);
    uploadFile(file, ({ loaded, total }) => update(key, loaded >= total ? { sent: 1, state: "checking" } : { sent: loaded / total }), controller.signal)
      .then((stored) => {
        update(key, { state: "done", sent: 1, stored });
        router.refresh();
      })
      .catch((err: unknown) => {
        if (err instanceof ApiClientError && err.code === "aborted") update(key, { state: "cancelled" });
        else if (err instanceof ApiClientError && err.code === "payload_too_large") update(key, { state: "failed", error: t("tooLarge", { max }) });
        else update(key, { state: "failed", error: errorMessage(err) });
      })
      .finally(() => live.current.delete(controller));
  };

  const startAll = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) start(file);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    startAll(event.dataTransfer.files);
  };

  return (
    <section aria-labelledby="files-upload-title" className="mb-4 rounded-xl border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900" data-testid="files-upload">
      <h2 id="files-upload-title" className="mb-2 text-sm font-semibold">
        {t("title")}
      </h2>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex flex-col items-center gap-2 rounded-lg border-2 border-dashed p-4 text-center text-sm ${dragging ? "border-blue-600 bg-blue-50 dark:bg-blue-950" : "border-slate-300 dark:border-slate-700"}`}
        data-testid="files-upload-drop"
      >
        <p className="flex flex-wrap items-center justify-center gap-2">
          <span>{dragging ? t("dropActive") : t("dropHint")}</span>
          <button type="button" className={button} onClick={() => picker.current?.click()} data-testid="files-upload-choose">
            <Icon name="plus" className="h-3.5 w-3.5" />
            {t("choose")}
          </button>
        </p>
        <p className="text-xs text-slate-600 dark:text-slate-400">{t("accepted", { max })}</p>
        <input
          ref={picker}
          type="file"
          multiple
          accept={ACCEPT}
          hidden
          tabIndex={-1}
          aria-label={t("choose")}
          data-testid="files-upload-input"
          onChange={(event) => {
            startAll(event.currentTarget.files);
            event.currentTarget.value = "";
          }}
        />
      </div>
      {uploads.length > 0 ? (
        <ul aria-label={t("listLabel")} className="mt-3 flex flex-col gap-2">
          {uploads.map((upload) => (
            <UploadRow key={upload.key} upload={upload} onDismiss={() => setUploads((prev) => prev.filter((u) => u.key !== upload.key))} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function UploadRow({ upload, onDismiss }: { upload: Upload; onDismiss: () => void }) {
  const t = useTranslations("filesUpload");
  const running = upload.state === "uploading" || upload.state === "checking";
  const outcome =
    upload.state === "uploading"
      ? t("uploading", { percent: upload.sent })
      : upload.state === "checking"
        ? t("checking")
        : upload.state === "done"
          ? upload.stored?.type === "3mf"
            ? `${t("done")}. ${t("projectNotPrintable")}`
            : t("done")
          : upload.state === "cancelled"
            ? t("cancelled")
            : t("failed", { reason: upload.error ?? "" });
  const tone = upload.state === "failed" ? "text-red-800 dark:text-red-300" : upload.state === "done" ? "text-emerald-800 dark:text-emerald-300" : "text-slate-700 dark:text-slate-300";
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="files-upload-item" data-state={upload.state} data-name={upload.name}>
      <span className="min-w-0 flex-1 truncate font-medium" title={upload.name}>
        {upload.name}
      </span>
      {running ? (
        <progress className="h-2 w-40 accent-blue-700" max={1} value={upload.sent} aria-label={t("progressLabel", { name: upload.name })} data-testid="files-upload-progress" />
      ) : null}
      <span role="status" className={`text-xs ${tone}`} data-testid="files-upload-outcome">
        {outcome}
      </span>
      {running ? (
        <button type="button" className={button} onClick={() => upload.controller.abort()} aria-label={t("cancelLabel", { name: upload.name })} data-testid="files-upload-cancel">
          <Icon name="cross" className="h-3.5 w-3.5" />
          {t("cancel")}
        </button>
      ) : (
        <button type="button" className={button} onClick={onDismiss} aria-label={t("removeLabel", { name: upload.name })} data-testid="files-upload-dismiss">
          {t("remove")}
        </button>
      )}
    </li>
  );
}
