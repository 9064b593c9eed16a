import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import path from "node:path";
import { bypassedApiHeaders, securityHeaders } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const root = path.resolve(import.meta.dirname);

const nextConfig: NextConfig = {
  turbopack: { root },
  outputFileTracingRoot: root,
  poweredByHeader: false,
  // Native and worker-only packages stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "pino", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  experimental: { authInterrupts: true },
  // `npm run typecheck` checks everything, once per database client; the build would only repeat half of it.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders() }, ...bypassedApiHeaders()];
  },
};

export default withNextIntl(nextConfig);
