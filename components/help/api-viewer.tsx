"use client";

import dynamic from "next/dynamic";

/**
 * The OpenAPI document of this server in Scalar's viewer, bundled from npm and served by
 * the app (no CDN; the page's script nonce covers it). Loaded in the browser only.
 */
const ScalarReference = dynamic(() => import("./scalar-reference"), { ssr: false });

export function ApiViewer({ label }: { label: string }) {
  return (
    <section aria-label={label} className="mt-8 rounded-md border border-slate-200 dark:border-slate-800" data-testid="api-viewer">
      <ScalarReference />
    </section>
  );
}
