-- AlterTable
ALTER TABLE "Alert" ADD COLUMN "notifiedAt" DATETIME;
ALTER TABLE "Alert" ADD COLUMN "notifyAfter" DATETIME;
ALTER TABLE "Alert" ADD COLUMN "subjectId" TEXT;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN "labourMinutes" INTEGER;

-- CreateIndex
CREATE INDEX "Alert_type_subjectId_resolvedAt_idx" ON "Alert"("type", "subjectId", "resolvedAt");

-- CreateIndex
CREATE INDEX "Alert_notifiedAt_notifyAfter_idx" ON "Alert"("notifiedAt", "notifyAfter");
