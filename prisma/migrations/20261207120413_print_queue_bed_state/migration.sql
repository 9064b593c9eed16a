-- AlterTable
ALTER TABLE "Job" ADD COLUMN "queueItemId" TEXT;

-- CreateTable
CREATE TABLE "QueueItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "batchId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "fileId" TEXT NOT NULL,
    "plate" INTEGER,
    "targetPrinterId" TEXT,
    "targetModel" TEXT,
    "amsMapping" TEXT,
    "customer" TEXT,
    "orderReference" TEXT,
    "businessUse" BOOLEAN NOT NULL DEFAULT true,
    "note" TEXT,
    "assignedPrinterId" TEXT,
    "jobId" TEXT,
    "failureCode" TEXT,
    "failureDetail" TEXT,
    "skippedPrinterIds" TEXT NOT NULL DEFAULT '[]',
    "createdById" TEXT,
    "dispatchId" TEXT,
    "dispatchStage" TEXT,
    "dispatchPath" TEXT,
    "dispatchedAt" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Printer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "serial" TEXT,
    "mqttPort" INTEGER,
    "ftpPort" INTEGER,
    "cameraPort" INTEGER,
    "httpPort" INTEGER,
    "tls" TEXT NOT NULL DEFAULT 'verify',
    "caCert" TEXT,
    "location" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "credentials" TEXT NOT NULL,
    "deletedAt" DATETIME,
    "bedState" TEXT,
    "bedStateSince" DATETIME,
    "bedStateReason" TEXT,
    "autoStartWithoutBedCheck" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Printer" ("caCert", "cameraPort", "createdAt", "credentials", "deletedAt", "enabled", "ftpPort", "host", "httpPort", "id", "kind", "location", "model", "mqttPort", "name", "serial", "tls", "updatedAt") SELECT "caCert", "cameraPort", "createdAt", "credentials", "deletedAt", "enabled", "ftpPort", "host", "httpPort", "id", "kind", "location", "model", "mqttPort", "name", "serial", "tls", "updatedAt" FROM "Printer";
DROP TABLE "Printer";
ALTER TABLE "new_Printer" RENAME TO "Printer";
CREATE UNIQUE INDEX "Printer_name_key" ON "Printer"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "QueueItem_dispatchId_key" ON "QueueItem"("dispatchId");

-- CreateIndex
CREATE INDEX "QueueItem_status_position_idx" ON "QueueItem"("status", "position");

-- CreateIndex
CREATE INDEX "QueueItem_batchId_idx" ON "QueueItem"("batchId");

-- CreateIndex
CREATE INDEX "QueueItem_assignedPrinterId_status_idx" ON "QueueItem"("assignedPrinterId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Job_queueItemId_key" ON "Job"("queueItemId");
