"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Icon } from "@/components/shell/icons";
import { postJson } from "./post-json";

/** One "re-read" button per printer; the worker lists the storage and the list refreshes on "files.synced". */
export function SyncButtons({ printers }: { printers: { id: string; name: string }[] }) {
  const t = useTranslations("files");
  const [notice, setNotice] = useState("");
  const sync = async (printer: { id: string; name: string }) => {
    const result = await postJson<{ commandId: number }>(`/api/printers/${encodeURIComponent(printer.id)}/files/sync`);
    setNotice(result ? t("syncRequested", { printer: printer.name }) : t("actionFailed"));
  };
  if (printers.length === 0) return null;
  return (
    <section aria-label={t("syncTitle")} className="flex flex-wrap items-center gap-2">
      {printers.map((p) => (
        <button
          key={p.id}
          type="button"
          onClick={() => void sync(p)}
          className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          data-testid="files-sync"
        >
          <Icon name="refresh" className="h-3.5 w-3.5" />
          {t("sync", { printer: p.name })}
        </button>
      ))}
      <span role="status" aria-live="polite" className="text-xs text-slate-600 dark:text-slate-400">
        {notice}
      </span>
    </section>
  );
}
