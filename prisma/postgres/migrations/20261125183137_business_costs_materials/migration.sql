-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "businessUse" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "customer" TEXT,
ADD COLUMN     "orderReference" TEXT;

-- CreateTable
CREATE TABLE "BusinessRate" (
    "id" TEXT NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "electricityCentsPerKwh" TEXT NOT NULL,
    "machineCentsPerHour" TEXT NOT NULL,
    "labourCentsPerHour" TEXT NOT NULL,
    "printerPowerWatts" INTEGER NOT NULL,
    "defaultMarkupBp" INTEGER NOT NULL,
    "vatMode" TEXT NOT NULL,
    "defaultVatRateBp" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "BusinessRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Material" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "brand" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "diameterMm" TEXT NOT NULL,
    "pricePerKgCents" INTEGER NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Material_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Spool" (
    "id" TEXT NOT NULL,
    "materialId" TEXT NOT NULL,
    "initialGrams" DOUBLE PRECISION NOT NULL,
    "remainingGrams" DOUBLE PRECISION NOT NULL,
    "location" TEXT,
    "printerId" TEXT,
    "slot" TEXT,
    "lowStockNotifiedAt" TIMESTAMP(3),
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Spool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobSpoolUse" (
    "id" SERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "spoolId" TEXT NOT NULL,
    "grams" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobSpoolUse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobCost" (
    "jobId" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "netCents" INTEGER NOT NULL,
    "vatCents" INTEGER NOT NULL,
    "grossCents" INTEGER NOT NULL,
    "vatRateBp" INTEGER NOT NULL,
    "treatment" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "priceVersion" TEXT NOT NULL,
    "periodYear" INTEGER NOT NULL,
    "periodMonth" INTEGER NOT NULL,

    CONSTRAINT "JobCost_pkey" PRIMARY KEY ("jobId")
);

-- CreateTable
CREATE TABLE "JobCostCorrection" (
    "id" SERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "reason" TEXT NOT NULL,
    "deltaNetCents" INTEGER NOT NULL,
    "deltaVatCents" INTEGER NOT NULL,
    "deltaGrossCents" INTEGER NOT NULL,
    "vatRateBp" INTEGER NOT NULL,
    "treatment" TEXT NOT NULL,
    "corrected" TEXT NOT NULL,
    "periodYear" INTEGER NOT NULL,
    "periodMonth" INTEGER NOT NULL,

    CONSTRAINT "JobCostCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonthClose" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "closedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedById" TEXT,

    CONSTRAINT "MonthClose_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "Spool" ADD CONSTRAINT "Spool_materialId_fkey" FOREIGN KEY ("materialId") REFERENCES "Material"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobSpoolUse" ADD CONSTRAINT "JobSpoolUse_spoolId_fkey" FOREIGN KEY ("spoolId") REFERENCES "Spool"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
