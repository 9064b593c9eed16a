import { getLocale, getTranslations } from "next-intl/server";
import { RefreshOnEvents } from "@/components/jobs/refresh-on-events";
import { PrinterFileActions } from "@/components/queue/printer-file-actions";
import { Link } from "@/i18n/navigation";
import { listFiles } from "@/lib/files/list";
import { fileListQuerySchema } from "@/lib/files/schemas";
import { formatDateTime } from "@/lib/format/date";
import { FileSize } from "./file-size";
import { FileStatusBadge } from "./file-status-badge";
import { SyncButtons } from "./sync-buttons";

const SHOWN = 5;

/**
 * A printer's newest files on its own page, with the button that re-reads its storage
 * for those who manage files, and per file "Print" (into the queue, for this printer)
 * and "Delete" (on the printer). A disabled printer cannot be read, so it says so instead.
 * The list follows the printer's "files.synced" events.
 */
export async function PrinterFilesSection({
  printer,
  canManage,
  canQueue,
  canSeeCustomer,
}: {
  printer: { id: string; name: string; enabled: boolean };
  canManage: boolean;
  canQueue: boolean;
  canSeeCustomer: boolean;
}) {
  const t = await getTranslations("files");
  const locale = await getLocale();
  const { files, total } = await listFiles(fileListQuerySchema.parse({ printer: printer.id, pageSize: SHOWN }));
  return (
    <section aria-labelledby="printer-files" data-testid="printer-files" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="printer-files" className="text-lg font-semibold">
          {t("printerSection.title")}
        </h2>
        <Link href={`/files?printer=${encodeURIComponent(printer.id)}`} className="text-sm text-brand-700 hover:underline dark:text-brand-100">
          {t("printerSection.all", { count: total })}
        </Link>
      </div>
      {canManage ? (
        <div className="mb-3">
          {printer.enabled ? (
            <SyncButtons printers={[{ id: printer.id, name: printer.name }]} />
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="printer-files-disabled">
              {t("printerSection.syncDisabled")}
            </p>
          )}
        </div>
      ) : null}
      {files.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="printer-files-empty">
          {t("printerSection.empty")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
          {files.map((file) => (
            <li key={file.id} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 py-2 sm:grid-cols-[minmax(0,1fr)_9rem_4.5rem_8.5rem_auto]" data-testid="printer-file">
              <span className="truncate font-medium" title={file.path ?? file.name}>
                {file.name}
              </span>
              <span>
                <FileStatusBadge status={file.status} queued={file.download?.status === "queued"} />
              </span>
              <span className="tabular-nums text-slate-600 sm:text-right dark:text-slate-400" data-testid="printer-file-size">
                <FileSize bytes={file.size} />
              </span>
              <span className="text-right tabular-nums text-slate-600 dark:text-slate-400">{file.modifiedAt ? formatDateTime(locale, file.modifiedAt) : "–"}</span>
              {file.source === "printer" && file.path && printer.enabled ? (
                <PrinterFileActions
                  file={{ id: file.id, name: file.name, path: file.path, type: file.type }}
                  printer={{ id: printer.id, name: printer.name }}
                  canQueue={canQueue}
                  canDelete={canManage}
                  canSeeCustomer={canSeeCustomer}
                />
              ) : (
                <span />
              )}
            </li>
          ))}
        </ul>
      )}
      <RefreshOnEvents types={["files.synced"]} printerId={printer.id} />
    </section>
  );
}
