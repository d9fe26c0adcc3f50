-- AlterTable
ALTER TABLE "CommunicationActivity" ALTER COLUMN "peopleReached" DROP NOT NULL;

-- CreateTable
CREATE TABLE "StateChange" (
    "id" TEXT NOT NULL,
    "wardId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "progressPercent" INTEGER,
    "amountVnd" INTEGER,
    "note" TEXT NOT NULL DEFAULT '',
    "effectiveAt" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedById" TEXT,

    CONSTRAINT "StateChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StateChange_kind_entityId_effectiveAt_idx" ON "StateChange"("kind", "entityId", "effectiveAt");

-- CreateIndex
CREATE INDEX "StateChange_wardId_kind_effectiveAt_idx" ON "StateChange"("wardId", "kind", "effectiveAt");

-- AddForeignKey
ALTER TABLE "StateChange" ADD CONSTRAINT "StateChange_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward"("id") ON DELETE CASCADE ON UPDATE CASCADE;

