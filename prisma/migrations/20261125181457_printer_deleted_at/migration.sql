-- AlterTable
ALTER TABLE "Printer" ADD COLUMN "deletedAt" DATETIME;
