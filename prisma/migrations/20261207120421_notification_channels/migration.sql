-- AlterTable
ALTER TABLE "Alert" ADD COLUMN "announcedAt" DATETIME;

-- CreateTable
CREATE TABLE "NotificationChannel" (
    "channel" TEXT NOT NULL PRIMARY KEY,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "config" TEXT NOT NULL,
    "secrets" TEXT NOT NULL DEFAULT '{}',
    "types" TEXT NOT NULL,
    "severities" TEXT NOT NULL,
    "holdNonUrgent" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);

-- Alerts raised before this release were announced already: only held notices stay pending
UPDATE "Alert" SET "announcedAt" = "createdAt" WHERE "notifyAfter" IS NOT NULL;
