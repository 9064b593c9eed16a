-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "announcedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "NotificationChannel" (
    "channel" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "config" TEXT NOT NULL,
    "secrets" TEXT NOT NULL DEFAULT '{}',
    "types" TEXT NOT NULL,
    "severities" TEXT NOT NULL,
    "holdNonUrgent" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationChannel_pkey" PRIMARY KEY ("channel")
);

-- Alerts raised before this release were announced already: only held notices stay pending
UPDATE "Alert" SET "announcedAt" = "createdAt" WHERE "notifyAfter" IS NOT NULL;
