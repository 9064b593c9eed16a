-- CreateTable
CREATE TABLE "BusinessRate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "validFrom" DATETIME NOT NULL,
    "electricityCentsPerKwh" TEXT NOT NULL,
    "machineCentsPerHour" TEXT NOT NULL,
    "labourCentsPerHour" TEXT NOT NULL,
    "printerPowerWatts" INTEGER NOT NULL,
    "defaultMarkupBp" INTEGER NOT NULL,
    "vatMode" TEXT NOT NULL,
    "defaultVatRateBp" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT
);

-- CreateTable
CREATE TABLE "Material" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "brand" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "diameterMm" TEXT NOT NULL,
    "pricePerKgCents" INTEGER NOT NULL,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Spool" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "materialId" TEXT NOT NULL,
    "initialGrams" REAL NOT NULL,
    "remainingGrams" REAL NOT NULL,
    "location" TEXT,
    "printerId" TEXT,
    "slot" TEXT,
    "lowStockNotifiedAt" DATETIME,
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Spool_materialId_fkey" FOREIGN KEY ("materialId") REFERENCES "Material" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobSpoolUse" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "spoolId" TEXT NOT NULL,
    "grams" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "JobSpoolUse_spoolId_fkey" FOREIGN KEY ("spoolId") REFERENCES "Spool" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobCost" (
    "jobId" TEXT NOT NULL PRIMARY KEY,
    "lines" TEXT NOT NULL,
    "netCents" INTEGER NOT NULL,
    "vatCents" INTEGER NOT NULL,
    "grossCents" INTEGER NOT NULL,
    "vatRateBp" INTEGER NOT NULL,
    "treatment" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL,
    "priceVersion" TEXT NOT NULL,
    "periodYear" INTEGER NOT NULL,
    "periodMonth" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "JobCostCorrection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "reason" TEXT NOT NULL,
    "deltaNetCents" INTEGER NOT NULL,
    "deltaVatCents" INTEGER NOT NULL,
    "deltaGrossCents" INTEGER NOT NULL,
    "vatRateBp" INTEGER NOT NULL,
    "treatment" TEXT NOT NULL,
    "corrected" TEXT NOT NULL,
    "periodYear" INTEGER NOT NULL,
    "periodMonth" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "MonthClose" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "closedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedById" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "printerId" TEXT NOT NULL,
    "printerJobId" TEXT,
    "name" TEXT NOT NULL,
    "fileName" TEXT,
    "status" TEXT NOT NULL,
    "progress" REAL NOT NULL DEFAULT 0,
    "layer" INTEGER,
    "totalLayers" INTEGER,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "durationSeconds" INTEGER,
    "filamentGrams" REAL,
    "errorCode" TEXT,
    "stopRequestedAt" DATETIME,
    "businessUse" BOOLEAN NOT NULL DEFAULT true,
    "customer" TEXT,
    "orderReference" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Job_printerId_fkey" FOREIGN KEY ("printerId") REFERENCES "Printer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Job" ("createdAt", "durationSeconds", "endedAt", "errorCode", "filamentGrams", "fileName", "id", "layer", "name", "printerId", "printerJobId", "progress", "startedAt", "status", "stopRequestedAt", "totalLayers", "updatedAt") SELECT "createdAt", "durationSeconds", "endedAt", "errorCode", "filamentGrams", "fileName", "id", "layer", "name", "printerId", "printerJobId", "progress", "startedAt", "status", "stopRequestedAt", "totalLayers", "updatedAt" FROM "Job";
DROP TABLE "Job";
ALTER TABLE "new_Job" RENAME TO "Job";
CREATE INDEX "Job_startedAt_idx" ON "Job"("startedAt");
CREATE INDEX "Job_status_idx" ON "Job"("status");
CREATE UNIQUE INDEX "Job_printerId_printerJobId_key" ON "Job"("printerId", "printerJobId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "BusinessRate_validFrom_idx" ON "BusinessRate"("validFrom");

-- CreateIndex
CREATE INDEX "Spool_printerId_slot_idx" ON "Spool"("printerId", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "JobSpoolUse_jobId_spoolId_key" ON "JobSpoolUse"("jobId", "spoolId");

-- CreateIndex
CREATE INDEX "JobCost_periodYear_periodMonth_idx" ON "JobCost"("periodYear", "periodMonth");

-- CreateIndex
CREATE INDEX "JobCostCorrection_jobId_idx" ON "JobCostCorrection"("jobId");

-- CreateIndex
CREATE INDEX "JobCostCorrection_periodYear_periodMonth_idx" ON "JobCostCorrection"("periodYear", "periodMonth");

-- CreateIndex
CREATE UNIQUE INDEX "MonthClose_year_month_key" ON "MonthClose"("year", "month");
