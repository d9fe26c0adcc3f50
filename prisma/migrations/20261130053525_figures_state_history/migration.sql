-- CreateTable
CREATE TABLE "StateChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "wardId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "progressPercent" INTEGER,
    "amountVnd" INTEGER,
    "note" TEXT NOT NULL DEFAULT '',
    "effectiveAt" DATETIME NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedById" TEXT,
    CONSTRAINT "StateChange_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommunicationActivity_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
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
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "StateChange_kind_entityId_effectiveAt_idx" ON "StateChange"("kind", "entityId", "effectiveAt");

-- CreateIndex
CREATE INDEX "StateChange_wardId_kind_effectiveAt_idx" ON "StateChange"("wardId", "kind", "effectiveAt");

