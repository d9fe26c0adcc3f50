-- AlterTable
ALTER TABLE "User" ADD COLUMN     "digestLastSentOn" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "digestOptIn" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "StoredFile" ADD COLUMN     "obstacleId" TEXT;

-- CreateTable
CREATE TABLE "Subscription" (
    "id" TEXT NOT NULL,
    "wardId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "field" TEXT NOT NULL DEFAULT '',
    "draftId" TEXT,
    "tokenHash" TEXT NOT NULL,
    "consentAt" TIMESTAMP(3) NOT NULL,
    "consentVersion" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_tokenHash_key" ON "Subscription"("tokenHash");

-- CreateIndex
CREATE INDEX "Subscription_wardId_kind_confirmedAt_idx" ON "Subscription"("wardId", "kind", "confirmedAt");

-- CreateIndex
CREATE INDEX "Subscription_draftId_idx" ON "Subscription"("draftId");

-- CreateIndex
CREATE INDEX "Subscription_confirmedAt_createdAt_idx" ON "Subscription"("confirmedAt", "createdAt");

-- CreateIndex
CREATE INDEX "StoredFile_obstacleId_idx" ON "StoredFile"("obstacleId");

-- AddForeignKey
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_obstacleId_fkey" FOREIGN KEY ("obstacleId") REFERENCES "Obstacle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft"("id") ON DELETE CASCADE ON UPDATE CASCADE;

