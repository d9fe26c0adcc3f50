-- CreateTable
CREATE TABLE "Subscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "wardId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "field" TEXT NOT NULL DEFAULT '',
    "draftId" TEXT,
    "tokenHash" TEXT NOT NULL,
    "consentAt" DATETIME NOT NULL,
    "consentVersion" TEXT NOT NULL,
    "confirmedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Subscription_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Subscription_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "wardId" TEXT NOT NULL,
    "unitId" TEXT,
    "username" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "jobTitle" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastLoginAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "digestOptIn" BOOLEAN NOT NULL DEFAULT false,
    "digestLastSentOn" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "User_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("active", "createdAt", "email", "fullName", "id", "jobTitle", "lastLoginAt", "passwordHash", "role", "unitId", "username", "wardId") SELECT "active", "createdAt", "email", "fullName", "id", "jobTitle", "lastLoginAt", "passwordHash", "role", "unitId", "username", "wardId" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
CREATE INDEX "User_wardId_idx" ON "User"("wardId");
CREATE INDEX "User_unitId_idx" ON "User"("unitId");
CREATE TABLE "new_StoredFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "wardId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'OTHER',
    "uploadedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "progressReportId" TEXT,
    "triggerId" TEXT,
    "draftId" TEXT,
    "documentId" TEXT,
    "intakeId" TEXT,
    "obstacleId" TEXT,
    CONSTRAINT "StoredFile_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_progressReportId_fkey" FOREIGN KEY ("progressReportId") REFERENCES "ProgressReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_triggerId_fkey" FOREIGN KEY ("triggerId") REFERENCES "TaskTrigger" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "IssuedDocument" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_intakeId_fkey" FOREIGN KEY ("intakeId") REFERENCES "CommentIntake" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_obstacleId_fkey" FOREIGN KEY ("obstacleId") REFERENCES "Obstacle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_StoredFile" ("createdAt", "documentId", "draftId", "id", "intakeId", "kind", "mimeType", "originalName", "progressReportId", "sha256", "sizeBytes", "storageKey", "triggerId", "uploadedById", "wardId") SELECT "createdAt", "documentId", "draftId", "id", "intakeId", "kind", "mimeType", "originalName", "progressReportId", "sha256", "sizeBytes", "storageKey", "triggerId", "uploadedById", "wardId" FROM "StoredFile";
DROP TABLE "StoredFile";
ALTER TABLE "new_StoredFile" RENAME TO "StoredFile";
CREATE UNIQUE INDEX "StoredFile_storageKey_key" ON "StoredFile"("storageKey");
CREATE INDEX "StoredFile_wardId_idx" ON "StoredFile"("wardId");
CREATE INDEX "StoredFile_uploadedById_idx" ON "StoredFile"("uploadedById");
CREATE INDEX "StoredFile_progressReportId_idx" ON "StoredFile"("progressReportId");
CREATE INDEX "StoredFile_triggerId_idx" ON "StoredFile"("triggerId");
CREATE INDEX "StoredFile_draftId_idx" ON "StoredFile"("draftId");
CREATE INDEX "StoredFile_documentId_idx" ON "StoredFile"("documentId");
CREATE INDEX "StoredFile_intakeId_idx" ON "StoredFile"("intakeId");
CREATE INDEX "StoredFile_obstacleId_idx" ON "StoredFile"("obstacleId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_tokenHash_key" ON "Subscription"("tokenHash");

-- CreateIndex
CREATE INDEX "Subscription_wardId_kind_confirmedAt_idx" ON "Subscription"("wardId", "kind", "confirmedAt");

-- CreateIndex
CREATE INDEX "Subscription_draftId_idx" ON "Subscription"("draftId");

-- CreateIndex
CREATE INDEX "Subscription_confirmedAt_createdAt_idx" ON "Subscription"("confirmedAt", "createdAt");

