import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";
import { kindOfUrl, resolveDatabaseUrl } from "./lib/db/url";

const root = path.dirname(fileURLToPath(import.meta.url));

// No schema-engine binary can be downloaded here: the CLI spawns this stand-in, which
// runs the wasm engine with a driver adapter (see prisma/README.md).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(root, "scripts/prisma/schema-engine.mjs");
process.env.CHECKPOINT_DISABLE ??= "1";

const url = resolveDatabaseUrl();
const postgres = kindOfUrl(url) === "postgresql";
const shadowSetting = process.env.SHADOW_DATABASE_URL?.trim();
const shadowDatabaseUrl = shadowSetting && kindOfUrl(shadowSetting) === kindOfUrl(url) ? shadowSetting : undefined;

export default defineConfig({
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgres/migrations" : "prisma/migrations" },
  datasource: shadowDatabaseUrl ? { url, shadowDatabaseUrl } : { url },
});
