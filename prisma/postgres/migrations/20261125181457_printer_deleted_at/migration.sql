-- AlterTable
ALTER TABLE "Printer" ADD COLUMN     "deletedAt" TIMESTAMP(3);
