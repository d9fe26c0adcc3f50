-- AlterTable
ALTER TABLE "CommunicationActivity" ADD COLUMN     "plannedActivityId" TEXT;

-- CreateTable
CREATE TABLE "PlannedActivity" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "plannedOn" TIMESTAMP(3) NOT NULL,
    "byMonth" BOOLEAN NOT NULL DEFAULT false,
    "channel" TEXT NOT NULL,
    "audience" TEXT NOT NULL DEFAULT '',
    "expectedReach" INTEGER NOT NULL DEFAULT 0,
    "estimatedCostVnd" INTEGER NOT NULL DEFAULT 0,
    "budgetEstimateId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlannedActivity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlannedActivity_taskId_plannedOn_idx" ON "PlannedActivity"("taskId", "plannedOn");

-- CreateIndex
CREATE INDEX "PlannedActivity_unitId_idx" ON "PlannedActivity"("unitId");

-- CreateIndex
CREATE INDEX "PlannedActivity_budgetEstimateId_idx" ON "PlannedActivity"("budgetEstimateId");

-- CreateIndex
CREATE INDEX "CommunicationActivity_plannedActivityId_idx" ON "CommunicationActivity"("plannedActivityId");

-- AddForeignKey
ALTER TABLE "CommunicationActivity" ADD CONSTRAINT "CommunicationActivity_plannedActivityId_fkey" FOREIGN KEY ("plannedActivityId") REFERENCES "PlannedActivity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlannedActivity" ADD CONSTRAINT "PlannedActivity_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlannedActivity" ADD CONSTRAINT "PlannedActivity_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlannedActivity" ADD CONSTRAINT "PlannedActivity_budgetEstimateId_fkey" FOREIGN KEY ("budgetEstimateId") REFERENCES "BudgetEstimate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

