-- AlterTable (written as ADD COLUMN rather than Prisma's table rebuild: same result, and it
-- merges cleanly with other branches' migrations on Draft)
ALTER TABLE "Draft" ADD COLUMN "closedEarlyReason" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "consentWithdrawnAt" DATETIME;
ALTER TABLE "Comment" ADD COLUMN "contactErasedAt" DATETIME;

-- CreateTable
CREATE TABLE "JobLock" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "lockedUntil" DATETIME NOT NULL,
    "lockedBy" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "job" TEXT NOT NULL,
    "runner" TEXT NOT NULL DEFAULT '',
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "ok" BOOLEAN NOT NULL DEFAULT false,
    "result" TEXT NOT NULL DEFAULT '{}'
);

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");
