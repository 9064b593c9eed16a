-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Download" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "printerFileId" TEXT NOT NULL,
    "printerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "total" BIGINT,
    "speed" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "localFileId" TEXT,
    "createdById" TEXT,
    "queuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Download_printerFileId_fkey" FOREIGN KEY ("printerFileId") REFERENCES "PrinterFile" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Download" ("attempts", "bytes", "createdById", "error", "finishedAt", "id", "localFileId", "printerFileId", "printerId", "queuedAt", "speed", "startedAt", "status", "total", "updatedAt") SELECT "attempts", "bytes", "createdById", "error", "finishedAt", "id", "localFileId", "printerFileId", "printerId", "queuedAt", "speed", "startedAt", "status", "total", "updatedAt" FROM "Download";
DROP TABLE "Download";
ALTER TABLE "new_Download" RENAME TO "Download";
CREATE INDEX "Download_status_queuedAt_idx" ON "Download"("status", "queuedAt");
CREATE INDEX "Download_printerFileId_idx" ON "Download"("printerFileId");
CREATE TABLE "new_LocalFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "relativePath" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "printerFileId" TEXT,
    "sourceSize" BIGINT,
    "sourceModifiedAt" DATETIME,
    "compressed" BOOLEAN NOT NULL DEFAULT false,
    "metadata" TEXT,
    "thumbnailPath" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LocalFile_printerFileId_fkey" FOREIGN KEY ("printerFileId") REFERENCES "PrinterFile" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_LocalFile" ("compressed", "createdAt", "id", "metadata", "name", "printerFileId", "relativePath", "sha256", "size", "sourceModifiedAt", "sourceSize", "thumbnailPath", "updatedAt") SELECT "compressed", "createdAt", "id", "metadata", "name", "printerFileId", "relativePath", "sha256", "size", "sourceModifiedAt", "sourceSize", "thumbnailPath", "updatedAt" FROM "LocalFile";
DROP TABLE "LocalFile";
ALTER TABLE "new_LocalFile" RENAME TO "LocalFile";
CREATE UNIQUE INDEX "LocalFile_relativePath_key" ON "LocalFile"("relativePath");
CREATE INDEX "LocalFile_printerFileId_idx" ON "LocalFile"("printerFileId");
CREATE INDEX "LocalFile_createdAt_idx" ON "LocalFile"("createdAt");
CREATE TABLE "new_PrinterFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "printerId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "size" BIGINT,
    "modifiedAt" DATETIME,
    "seenAt" DATETIME NOT NULL,
    "goneAt" DATETIME,
    "metadata" TEXT,
    "thumbnailPath" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_PrinterFile" ("createdAt", "goneAt", "id", "metadata", "modifiedAt", "name", "path", "printerId", "seenAt", "size", "thumbnailPath", "updatedAt") SELECT "createdAt", "goneAt", "id", "metadata", "modifiedAt", "name", "path", "printerId", "seenAt", "size", "thumbnailPath", "updatedAt" FROM "PrinterFile";
DROP TABLE "PrinterFile";
ALTER TABLE "new_PrinterFile" RENAME TO "PrinterFile";
CREATE INDEX "PrinterFile_goneAt_idx" ON "PrinterFile"("goneAt");
CREATE UNIQUE INDEX "PrinterFile_printerId_path_key" ON "PrinterFile"("printerId", "path");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
