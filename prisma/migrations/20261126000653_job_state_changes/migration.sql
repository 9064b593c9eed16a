-- CreateTable
CREATE TABLE "JobStateChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "errorCode" TEXT,
    CONSTRAINT "JobStateChange_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "JobStateChange_jobId_at_idx" ON "JobStateChange"("jobId", "at");
