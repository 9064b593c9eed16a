-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "notifiedAt" TIMESTAMP(3),
ADD COLUMN     "notifyAfter" TIMESTAMP(3),
ADD COLUMN     "subjectId" TEXT;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "labourMinutes" INTEGER;

-- CreateIndex
CREATE INDEX "Alert_type_subjectId_resolvedAt_idx" ON "Alert"("type", "subjectId", "resolvedAt");

-- CreateIndex
CREATE INDEX "Alert_notifiedAt_notifyAfter_idx" ON "Alert"("notifiedAt", "notifyAfter");
