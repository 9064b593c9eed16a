"use client";

import useSWR from "swr";
import { cancelResultSchema, commandAcceptedSchema, printOptionsSchema, queuedSchema, syncResultSchema, type UploadBody } from "@/lib/files/schemas";
import { apiFetch, schemaFetcher } from "./api-fetch";

const filePath = (id: string) => `/api/files/${encodeURIComponent(id)}`;
const printOptionsFetcher = schemaFetcher(printOptionsSchema);

/** What a file offers for printing (plates, filaments), read once per file. */
export function usePrintOptions(fileId: string) {
  const { data } = useSWR(`${filePath(fileId)}/print-options`, printOptionsFetcher);
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
