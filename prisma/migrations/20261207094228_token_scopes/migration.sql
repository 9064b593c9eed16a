-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "scopes" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ApiToken" ("createdAt", "expiresAt", "id", "lastUsedAt", "name", "prefix", "revokedAt", "tokenHash", "userId") SELECT "createdAt", "expiresAt", "id", "lastUsedAt", "name", "prefix", "revokedAt", "tokenHash", "userId" FROM "ApiToken";
DROP TABLE "ApiToken";
ALTER TABLE "new_ApiToken" RENAME TO "ApiToken";
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Tokens from before scopes get every scope their owner's role allows (lib/auth/token-scopes.ts,
-- scopesOfRole) and at most 90 days left from this upgrade.
UPDATE "ApiToken" SET "scopes" = CASE (SELECT "role" FROM "User" WHERE "User"."id" = "ApiToken"."userId")
    WHEN 'admin' THEN 'read,printers:control,files,queue,business,admin'
    WHEN 'accountant' THEN 'read,business'
    WHEN 'operator' THEN 'read,printers:control,files,queue,business'
    WHEN 'viewer' THEN 'read'
    ELSE '' END;
UPDATE "ApiToken" SET "expiresAt" = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '+90 days')
    WHERE "expiresAt" IS NULL OR "expiresAt" > strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '+90 days');
