import { defineRoute } from "@/lib/api/route-spec";
import { bedClearedResponseSchema } from "./bed-schemas";
import {
  createPrinterSchema,
  deletePrinterResponseSchema,
  printerCommandBodySchema,
  printerCommandQuerySchema,
  printerCommandResponseSchema,
  printerIdParamsSchema,
  printerListSchema,
  printerViewSchema,
  samplesQuerySchema,
  samplesResponseSchema,
  testConnectionBodySchema,
  testConnectionResponseSchema,
  updatePrinterSchema,
} from "./schemas";

/** The printers domain's API operations; route handlers in app/api pass these to withApi. */

export const printersList = defineRoute({
  permission: "printers:read",
  response: printerListSchema,
  openapi: {
    method: "GET",
    path: "/api/printers",
    summary: "Printers with their live state",
    description:
      "`meta.credentialKey.rotateRecommended` is true when the key that encrypts printer credentials is older than " +
      "`maxAgeDays` (rotate with `npm run cli -- keys:rotate`).",
    tags: ["printers"],
  },
});

export const printersCreate = defineRoute({
  permission: "printers:manage",
  body: createPrinterSchema,
  response: printerViewSchema,
  openapi: {
    method: "POST",
    path: "/api/printers",
    summary: "Add a printer",
    description:
      "Bambu: host, serial, accessCode, optional model, ports and tls (`verify` with Bambu's CA, `custom-ca` with the PEM in " +
      "caCert, or `insecure`). PrusaLink: host, optional httpPort, password (HTTP Digest, user `maker` unless username is " +
      "given) or apiKey. Credentials are stored encrypted and never returned. 409 `name_taken` for a duplicate name.",
    tags: ["printers"],
    successStatus: 201,
    errors: ["conflict"],
  },
});

export const printersGet = defineRoute({
  permission: "printers:read",
  params: printerIdParamsSchema,
  response: printerViewSchema,
  openapi: { method: "GET", path: "/api/printers/{id}", summary: "One printer with its live state", tags: ["printers"] },
});

export const printersUpdate = defineRoute({
  permission: "printers:manage",
  params: printerIdParamsSchema,
  body: updatePrinterSchema,
  response: printerViewSchema,
  openapi: {
    method: "PATCH",
    path: "/api/printers/{id}",
    summary: "Edit, enable or disable a printer",
    description:
      "Omitted fields stay, null resets optional ones. Credentials are replaced as a set: send all of the printer's " +
      "secrets (Bambu: accessCode; PrusaLink: password and/or apiKey) or none. The worker reconnects within seconds. " +
      "`autoStartWithoutBedCheck` lets queued prints start without an operator confirming the bed (ejection systems).",
    tags: ["printers"],
    errors: ["conflict"],
  },
});

export const printersDelete = defineRoute({
  permission: "printers:manage",
  params: printerIdParamsSchema,
  response: deletePrinterResponseSchema,
  openapi: {
    method: "DELETE",
    path: "/api/printers/{id}",
    summary: "Remove a printer",
    description: "A printer with recorded jobs is archived (hidden, credentials wiped) so its jobs keep their printer.",
    tags: ["printers"],
  },
});

export const printersCommand = defineRoute({
  permission: "printers:control",
  params: printerIdParamsSchema,
  query: printerCommandQuerySchema,
  body: printerCommandBodySchema,
  response: printerCommandResponseSchema,
  openapi: {
    method: "POST",
    path: "/api/printers/{id}/commands",
    summary: "Pause, resume, stop, light on/off or start a print",
    description:
      "Queued for the worker, which answers with a `command.finished` event. With `?wait=1` the response waits up to " +
      "about 10 s for the outcome (`status` stays `pending`/`running` if it takes longer). `error` is a message key under " +
      "printerErrors. `start` needs `path` (a file on the printer) and is refused unless the printer can take a print (409 `bed_not_clear` while its bed waits to be cleared).",
    tags: ["printers"],
    successStatus: 202,
    errors: ["conflict", "bed_not_clear"],
  },
});

export const printersTestConnection = defineRoute({
  permission: "printers:manage",
  body: testConnectionBodySchema,
  response: testConnectionResponseSchema,
  openapi: {
    method: "POST",
    path: "/api/printers/test-connection",
    summary: "Test the connection to a saved printer or to unsaved form fields",
    description:
      "The worker runs the test (the web never talks to printers); the form's credentials travel encrypted and are purged " +
      "with the command. A failure names the stage: dns, tcp, tls, auth, protocol, developer_mode or timeout, with a message " +
      "key under printerErrors. Waits up to about 30 s.",
    tags: ["printers"],
  },
});

export const printersSnapshot = defineRoute({
  permission: "printers:read",
  params: printerIdParamsSchema,
  openapi: {
    method: "GET",
    path: "/api/printers/{id}/snapshot",
    summary: "Current camera image (JPEG)",
    description:
      "Fetched by the worker and cached a few seconds in the worker and in the web process, so many viewers cost the " +
      "printer one fetch. 404 when the printer has no supported camera, 503 when the image cannot be fetched now.",
    tags: ["printers"],
    responseContentType: "image/jpeg",
    errors: ["unavailable"],
  },
});

export const printersSamples = defineRoute({
  permission: "printers:read",
  params: printerIdParamsSchema,
  query: samplesQuerySchema,
  response: samplesResponseSchema,
  openapi: {
    method: "GET",
    path: "/api/printers/{id}/samples",
    summary: "Temperature history (1h, 24h or 7d), averaged into at most a few hundred points",
    tags: ["printers"],
  },
});

export const printersBedCleared = defineRoute({
  permission: "printers:control",
  params: printerIdParamsSchema,
  response: bedClearedResponseSchema,
  openapi: {
    method: "POST",
    path: "/api/printers/{id}/bed-cleared",
    summary: "Confirm the printer's bed is clear",
    description:
      "A printer whose last print ended (or that was first seen idle) holds nothing new until an operator confirms its " +
      "bed is clear; until then every start answers 409 `bed_not_clear`, unless the printer's `autoStartWithoutBedCheck` is on.",
    tags: ["printers"],
  },
});

export const printersApiRoutes = [
  printersList,
  printersCreate,
  printersGet,
  printersUpdate,
  printersDelete,
  printersCommand,
  printersTestConnection,
  printersSnapshot,
  printersSamples,
  printersBedCleared,
];
