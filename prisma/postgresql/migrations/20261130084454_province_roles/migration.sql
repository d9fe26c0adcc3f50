-- AlterTable
ALTER TABLE "User" ALTER COLUMN "wardId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "Draft_state_closesAt_idx" ON "Draft"("state", "closesAt");

