-- CreateTable
CREATE TABLE "PrinterFile" (
    "id" TEXT NOT NULL,
    "printerId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "size" INTEGER,
    "modifiedAt" TIMESTAMP(3),
    "seenAt" TIMESTAMP(3) NOT NULL,
    "goneAt" TIMESTAMP(3),
    "metadata" TEXT,
    "thumbnailPath" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrinterFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocalFile" (
    "id" TEXT NOT NULL,
    "relativePath" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "printerFileId" TEXT,
    "sourceSize" INTEGER,
    "sourceModifiedAt" TIMESTAMP(3),
    "compressed" BOOLEAN NOT NULL DEFAULT false,
    "metadata" TEXT,
    "thumbnailPath" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LocalFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Download" (
    "id" TEXT NOT NULL,
    "printerFileId" TEXT NOT NULL,
    "printerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "speed" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "localFileId" TEXT,
    "createdById" TEXT,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Download_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PrinterFile_goneAt_idx" ON "PrinterFile"("goneAt");

-- CreateIndex
CREATE UNIQUE INDEX "PrinterFile_printerId_path_key" ON "PrinterFile"("printerId", "path");

-- CreateIndex
CREATE UNIQUE INDEX "LocalFile_relativePath_key" ON "LocalFile"("relativePath");

-- CreateIndex
CREATE INDEX "LocalFile_printerFileId_idx" ON "LocalFile"("printerFileId");

-- CreateIndex
CREATE INDEX "LocalFile_createdAt_idx" ON "LocalFile"("createdAt");

-- CreateIndex
CREATE INDEX "Download_status_queuedAt_idx" ON "Download"("status", "queuedAt");

-- CreateIndex
CREATE INDEX "Download_printerFileId_idx" ON "Download"("printerFileId");

-- AddForeignKey
ALTER TABLE "LocalFile" ADD CONSTRAINT "LocalFile_printerFileId_fkey" FOREIGN KEY ("printerFileId") REFERENCES "PrinterFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Download" ADD CONSTRAINT "Download_printerFileId_fkey" FOREIGN KEY ("printerFileId") REFERENCES "PrinterFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;
