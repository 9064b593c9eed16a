-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "queueItemId" TEXT;

-- AlterTable
ALTER TABLE "Printer" ADD COLUMN     "autoStartWithoutBedCheck" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "bedState" TEXT,
ADD COLUMN     "bedStateReason" TEXT,
ADD COLUMN     "bedStateSince" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "QueueItem" (
    "id" TEXT NOT NULL,
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
    "dispatchedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QueueItem_pkey" PRIMARY KEY ("id")
);

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
