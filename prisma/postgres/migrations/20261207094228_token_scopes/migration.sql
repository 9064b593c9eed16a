-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "scopes" TEXT NOT NULL DEFAULT '';

-- Tokens from before scopes get every scope their owner's role allows (lib/auth/token-scopes.ts,
-- scopesOfRole) and at most 90 days left from this upgrade.
UPDATE "ApiToken" SET "scopes" = CASE (SELECT "role" FROM "User" WHERE "User"."id" = "ApiToken"."userId")
    WHEN 'admin' THEN 'read,printers:control,files,queue,business,admin'
    WHEN 'accountant' THEN 'read,business'
    WHEN 'operator' THEN 'read,printers:control,files,queue,business'
    WHEN 'viewer' THEN 'read'
    ELSE '' END;
UPDATE "ApiToken" SET "expiresAt" = LEAST(COALESCE("expiresAt", (NOW() AT TIME ZONE 'UTC') + INTERVAL '90 days'), (NOW() AT TIME ZONE 'UTC') + INTERVAL '90 days');
