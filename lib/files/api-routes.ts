import { defineRoute } from "@/lib/api/route-spec";
import {
  bulkDownloadSchema,
  cancelResultSchema,
  commandAcceptedSchema,
  fileIdParamsSchema,
  fileListQuerySchema,
  fileListSchema,
  housekeepingPreviewSchema,
  printOptionsSchema,
  queuedSchema,
  syncQuerySchema,
  syncResultSchema,
  uploadBodySchema,
} from "./schemas";

/** The files domain's API operations; route handlers in app/api pass these to withApi. */

export const filesList = defineRoute({
  permission: "files:read",
  query: fileListQuerySchema,
  response: fileListSchema,
  openapi: {
    method: "GET",
    path: "/api/files",
    summary: "Printer and local files in one list",
    description:
      "Every file on a printer (status available, downloading, failed or downloaded) and every local file that is not " +
      "the current copy of one (status local). Filter by `printer`, `status`, `type`, `q` (name or path) and `from`/`to` (file date, Berlin days, inclusive), sort with " +
      "`sort` (`-` for descending), page with `page` and `pageSize`.",
    tags: ["files"],
  },
});

export const filesDownload = defineRoute({
  permission: "files:manage",
  params: fileIdParamsSchema,
  response: queuedSchema,
  openapi: {
    method: "POST",
    path: "/api/files/{id}/download",
    summary: "Queue the download of a printer file",
    description:
      "Skipped when already queued, gone from the printer, or downloaded and unchanged. Refused with 409 " +
      "`printer_disabled` while the file's printer is switched off (nothing connects to it, so the download could not start).",
    tags: ["files"],
    successStatus: 202,
    errors: ["printer_disabled"],
  },
});

export const filesBulkDownload = defineRoute({
  permission: "files:manage",
  body: bulkDownloadSchema,
  response: queuedSchema,
  openapi: {
    method: "POST",
    path: "/api/files/download",
    summary: "Queue downloads of several printer files",
    description: "Files that cannot be queued (see the single download, including those on a disabled printer) are listed in `skipped`.",
    tags: ["files"],
    successStatus: 202,
  },
});

export const filesCancel = defineRoute({
  permission: "files:manage",
  params: fileIdParamsSchema,
  response: cancelResultSchema,
  openapi: {
    method: "POST",
    path: "/api/files/{id}/cancel",
    summary: "Cancel a queued or running download",
    description: "`id` is the printer file's id or the download's id.",
    tags: ["files"],
  },
});

export const filesContent = defineRoute({
  permission: "files:download",
  params: fileIdParamsSchema,
  openapi: {
    method: "GET",
    path: "/api/files/{id}/content",
    summary: "The local copy's bytes",
    description:
      "Supports `Range` (206 with `Content-Range`, 416 past the end), `If-Range` and `If-None-Match` with the " +
      "SHA-256 as ETag. Files compressed by housekeeping are sent whole (200, `Accept-Ranges: none`). Audited.",
    tags: ["files"],
    responseContentType: "application/octet-stream",
    requestHeaders: {
      Range: "One byte range, e.g. `bytes=0-99`, `bytes=100-` or `bytes=-10`; several ranges or a malformed one get the whole file (200).",
      "If-Range": "The ETag from an earlier answer: the range is honoured only if the file is still that version, else the whole file comes.",
      "If-None-Match": "The ETag from an earlier answer: 304 while the file is unchanged.",
    },
    otherResponses: {
      206: "The requested range, with `Content-Range: bytes start-end/size`.",
      304: "Unchanged since the ETag sent in `If-None-Match`.",
      416: "The range starts past the end; `Content-Range: bytes */size` tells the size.",
    },
  },
});

export const filesThumbnail = defineRoute({
  permission: "files:read",
  params: fileIdParamsSchema,
  openapi: { method: "GET", path: "/api/files/{id}/thumbnail", summary: "The file's picture (PNG or JPEG)", tags: ["files"], responseContentType: "image/png" },
});

export const filesUpload = defineRoute({
  permission: "files:manage",
  params: fileIdParamsSchema,
  body: uploadBodySchema,
  response: commandAcceptedSchema,
  openapi: {
    method: "POST",
    path: "/api/files/{id}/upload",
    summary: "Send a local file to a printer, optionally starting it",
    description:
      "Refused with 422 file_type_unsupported when the printer kind cannot print the file's type (Bambu: `.gcode.3mf`, " +
      "`.3mf`; PrusaLink: `.gcode`, `.bgcode`). With `start`, refused (409 printer_busy / printer_offline / bed_not_clear) unless the " +
      "printer can take a print now. Bambu: `plate` picks the plate (`GET /api/files/{id}/print-options` lists them) and " +
      "`amsMapping` the AMS tray per filament slot of the project (index = slot - 1; unit*4 + tray, -1 for the external " +
      "spool), sent as project_file's `ams_mapping`.",
    tags: ["files"],
    successStatus: 202,
    errors: ["conflict", "file_type_unsupported", "bed_not_clear"],
  },
});

export const filesPrintOptions = defineRoute({
  permission: "files:manage",
  params: fileIdParamsSchema,
  response: printOptionsSchema,
  openapi: {
    method: "GET",
    path: "/api/files/{id}/print-options",
    summary: "What sending a local file to a printer can choose: its type, plates and their filaments",
    tags: ["files"],
  },
});

export const filesSync = defineRoute({
  permission: "files:manage",
  params: fileIdParamsSchema,
  query: syncQuerySchema,
  response: syncResultSchema,
  openapi: {
    method: "POST",
    path: "/api/printers/{id}/files/sync",
    summary: "List the printer's storage now",
    description:
      "Refused with 409 `printer_offline` while the printer is not connected, `printer_disabled` when it is switched off. " +
      "Queued for the worker, which answers with a `command.finished` event. With `?wait=1` the response waits up to " +
      "about 10 s for the outcome: `counts` of added, changed and vanished files, or `error`, a message key under " +
      "printerErrors (`status` stays `pending`/`running` if it takes longer).",
    tags: ["files"],
    successStatus: 202,
    errors: ["conflict"],
  },
});

export const filesHousekeeping = defineRoute({
  permission: "files:manage",
  response: housekeepingPreviewSchema,
  openapi: {
    method: "GET",
    path: "/api/files/housekeeping",
    summary: "What housekeeping would do now (dry run)",
    description: "Files to compress, files to delete (retention or budget), files protected by recent jobs, stale partial downloads.",
    tags: ["files"],
  },
});

export const filesApiRoutes = [
  filesList,
  filesDownload,
  filesBulkDownload,
  filesCancel,
  filesContent,
  filesThumbnail,
  filesUpload,
  filesPrintOptions,
  filesSync,
  filesHousekeeping,
];
