-- CreateTable
CREATE TABLE "JobStateChange" (
    "id" SERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "errorCode" TEXT,

    CONSTRAINT "JobStateChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobStateChange_jobId_at_idx" ON "JobStateChange"("jobId", "at");

-- AddForeignKey
ALTER TABLE "JobStateChange" ADD CONSTRAINT "JobStateChange_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;
