"use client";

import { uploadResultSchema, type FileView } from "@/lib/files/schemas";
import { ApiClientError, apiClientErrorOf } from "./api-error";

/** Bytes sent so far of the request's body (multipart overhead included) and its total. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/** The multipart field `POST /api/files` reads. */
const FIELD = "file";

/**
 * Uploads one file to the library (`POST /api/files`) with XMLHttpRequest, since fetch
 * reports no upload progress. Resolves with the stored file as the list shows it; rejects
 * with ApiClientError (code "aborted" when `signal` cancelled it, "network" when the
 * connection failed).
 */
export function uploadFile(file: File, onProgress: (progress: UploadProgress) => void, signal: AbortSignal): Promise<FileView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/files");
    xhr.withCredentials = true;
    xhr.responseType = "text";
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    });
    xhr.addEventListener("load", () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        payload = null;
      }
      if (xhr.status < 200 || xhr.status >= 300) return reject(apiClientErrorOf(xhr, payload));
      const parsed = uploadResultSchema.safeParse(payload);
      const stored = parsed.success ? parsed.data.files[0] : undefined;
      if (!stored) return reject(new ApiClientError(xhr.status, "internal", "unexpected answer"));
      resolve(stored);
    });
    xhr.addEventListener("error", () => reject(new ApiClientError(0, "network", "network error")));
    xhr.addEventListener("abort", () => reject(new ApiClientError(0, "aborted", "upload cancelled")));
    if (signal.aborted) return reject(new ApiClientError(0, "aborted", "upload cancelled"));
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    const body = new FormData();
    body.append(FIELD, file, file.name);
    xhr.send(body);
  });
}
