-- CreateTable
CREATE TABLE "PlannedActivity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "plannedOn" DATETIME NOT NULL,
    "byMonth" BOOLEAN NOT NULL DEFAULT false,
    "channel" TEXT NOT NULL,
    "audience" TEXT NOT NULL DEFAULT '',
    "expectedReach" INTEGER NOT NULL DEFAULT 0,
    "estimatedCostVnd" INTEGER NOT NULL DEFAULT 0,
    "budgetEstimateId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlannedActivity_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlannedActivity_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PlannedActivity_budgetEstimateId_fkey" FOREIGN KEY ("budgetEstimateId") REFERENCES "BudgetEstimate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables (peopleReached stays nullable, as the figures migration made it: null = "không xác định")
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CommunicationActivity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "reportId" TEXT,
    "unitId" TEXT,
    "draftId" TEXT,
    "channel" TEXT NOT NULL,
    "heldOn" DATETIME NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "peopleReached" INTEGER DEFAULT 0,
    "plannedActivityId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommunicationActivity_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommunicationActivity_plannedActivityId_fkey" FOREIGN KEY ("plannedActivityId") REFERENCES "PlannedActivity" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CommunicationActivity_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommunicationActivity_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CommunicationActivity_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CommunicationActivity" ("channel", "createdAt", "description", "draftId", "heldOn", "id", "peopleReached", "reportId", "taskId", "unitId") SELECT "channel", "createdAt", "description", "draftId", "heldOn", "id", "peopleReached", "reportId", "taskId", "unitId" FROM "CommunicationActivity";
DROP TABLE "CommunicationActivity";
ALTER TABLE "new_CommunicationActivity" RENAME TO "CommunicationActivity";
CREATE INDEX "CommunicationActivity_taskId_heldOn_idx" ON "CommunicationActivity"("taskId", "heldOn");
CREATE INDEX "CommunicationActivity_reportId_idx" ON "CommunicationActivity"("reportId");
CREATE INDEX "CommunicationActivity_unitId_idx" ON "CommunicationActivity"("unitId");
CREATE INDEX "CommunicationActivity_draftId_idx" ON "CommunicationActivity"("draftId");
CREATE INDEX "CommunicationActivity_plannedActivityId_idx" ON "CommunicationActivity"("plannedActivityId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PlannedActivity_taskId_plannedOn_idx" ON "PlannedActivity"("taskId", "plannedOn");

-- CreateIndex
CREATE INDEX "PlannedActivity_unitId_idx" ON "PlannedActivity"("unitId");

-- CreateIndex
CREATE INDEX "PlannedActivity_budgetEstimateId_idx" ON "PlannedActivity"("budgetEstimateId");

