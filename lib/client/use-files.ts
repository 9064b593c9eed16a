"use client";

import useSWR from "swr";
import { cancelResultSchema, commandAcceptedSchema, deleteResultSchema, fileListSchema, printOptionsSchema, queuedSchema, syncResultSchema, type UploadBody } from "@/lib/files/schemas";
import { apiFetch, schemaFetcher } from "./api-fetch";

const filePath = (id: string) => `/api/files/${encodeURIComponent(id)}`;
const printOptionsFetcher = schemaFetcher(printOptionsSchema);
const listFetcher = schemaFetcher(fileListSchema);

/** Files matching a search, newest first (the queue dialog's file picker). */
export function useFileSearch(q: string) {
  const query = new URLSearchParams({ pageSize: "100", sort: "-modifiedAt", ...(q.trim() ? { q: q.trim() } : {}) });
  const { data, error } = useSWR(`/api/files?${query.toString()}`, listFetcher, { keepPreviousData: true });
  return { files: data?.files, error };
}

/** Deletes a file on its printer; answers with the worker's outcome when it came within a few seconds. */
export function deletePrinterFile(id: string) {
  return apiFetch(filePath(id), deleteResultSchema, { method: "DELETE" });
}

/** What a file offers for printing (plates, filaments), read once per file; nothing while no file is chosen. */
export function usePrintOptions(fileId: string | null) {
  const { data } = useSWR(fileId ? `${filePath(fileId)}/print-options` : null, printOptionsFetcher);
  return data;
}

/** Queues printer files for download; answers with the downloads actually queued. */
export function queueDownloads(ids: string[]) {
  return apiFetch("/api/files/download", queuedSchema, { method: "POST", body: { ids } });
}

export function cancelDownload(id: string) {
  return apiFetch(`${filePath(id)}/cancel`, cancelResultSchema, { method: "POST" });
}

/** Queues the upload of a stored file to a printer (and optionally its start). */
export function sendToPrinter(fileId: string, body: UploadBody) {
  return apiFetch(`${filePath(fileId)}/upload`, commandAcceptedSchema, { method: "POST", body });
}

/** Lists a printer's storage again and waits briefly for the result. */
export function syncPrinterFiles(printerId: string) {
  return apiFetch(`/api/printers/${encodeURIComponent(printerId)}/files/sync?wait=1`, syncResultSchema, { method: "POST" });
}
