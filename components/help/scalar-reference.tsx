"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";

/** Everything that would reach beyond this server is off: fonts, telemetry, the hosted API client, the AI chat. */
const configuration = {
  url: "/api/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  showDeveloperTools: "never",
  documentDownloadType: "json",
  hideDarkModeToggle: true,
  agent: { disabled: true },
} as const;

export default function ScalarReference() {
  return <ApiReferenceReact configuration={configuration} />;
}
