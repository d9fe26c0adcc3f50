-- CreateTable
CREATE TABLE "CommentIntake" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "receivedOn" DATETIME NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT '',
    "peoplePresent" INTEGER,
    "unitId" TEXT,
    "activityId" TEXT,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommentIntake_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommentIntake_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CommentIntake_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "CommunicationActivity" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CommentIntake_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommentGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "confirmedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommentGroup_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommentGroup_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    CONSTRAINT "StoredFile_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_progressReportId_fkey" FOREIGN KEY ("progressReportId") REFERENCES "ProgressReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_triggerId_fkey" FOREIGN KEY ("triggerId") REFERENCES "TaskTrigger" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "IssuedDocument" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_intakeId_fkey" FOREIGN KEY ("intakeId") REFERENCES "CommentIntake" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_StoredFile" ("createdAt", "documentId", "draftId", "id", "kind", "mimeType", "originalName", "progressReportId", "sha256", "sizeBytes", "storageKey", "triggerId", "uploadedById", "wardId") SELECT "createdAt", "documentId", "draftId", "id", "kind", "mimeType", "originalName", "progressReportId", "sha256", "sizeBytes", "storageKey", "triggerId", "uploadedById", "wardId" FROM "StoredFile";
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
CREATE TABLE "new_Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "sectionId" TEXT,
    "receiptCode" TEXT NOT NULL,
    "respondentType" TEXT NOT NULL,
    "authorName" TEXT NOT NULL DEFAULT '',
    "organisationName" TEXT NOT NULL DEFAULT '',
    "isAnonymous" BOOLEAN NOT NULL DEFAULT true,
    "residentialGroupId" TEXT,
    "residentialOther" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "consentAt" DATETIME,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "hiddenReason" TEXT,
    "hiddenNote" TEXT NOT NULL DEFAULT '',
    "moderatedById" TEXT,
    "moderatedAt" DATETIME,
    "answerId" TEXT,
    "notifiedAt" DATETIME,
    "channel" TEXT NOT NULL DEFAULT 'ONLINE',
    "intakeId" TEXT,
    "similarGroupId" TEXT,
    "notSimilar" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DraftVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "DraftSection" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_residentialGroupId_fkey" FOREIGN KEY ("residentialGroupId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_moderatedById_fkey" FOREIGN KEY ("moderatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "CommentAnswer" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_intakeId_fkey" FOREIGN KEY ("intakeId") REFERENCES "CommentIntake" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_similarGroupId_fkey" FOREIGN KEY ("similarGroupId") REFERENCES "CommentGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("answerId", "authorName", "body", "consentAt", "createdAt", "draftId", "email", "hiddenNote", "hiddenReason", "id", "isAnonymous", "moderatedAt", "moderatedById", "notifiedAt", "organisationName", "phone", "receiptCode", "residentialGroupId", "residentialOther", "respondentType", "sectionId", "status", "versionId") SELECT "answerId", "authorName", "body", "consentAt", "createdAt", "draftId", "email", "hiddenNote", "hiddenReason", "id", "isAnonymous", "moderatedAt", "moderatedById", "notifiedAt", "organisationName", "phone", "receiptCode", "residentialGroupId", "residentialOther", "respondentType", "sectionId", "status", "versionId" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE UNIQUE INDEX "Comment_receiptCode_key" ON "Comment"("receiptCode");
CREATE INDEX "Comment_draftId_status_createdAt_idx" ON "Comment"("draftId", "status", "createdAt");
CREATE INDEX "Comment_versionId_idx" ON "Comment"("versionId");
CREATE INDEX "Comment_sectionId_idx" ON "Comment"("sectionId");
CREATE INDEX "Comment_residentialGroupId_idx" ON "Comment"("residentialGroupId");
CREATE INDEX "Comment_moderatedById_idx" ON "Comment"("moderatedById");
CREATE INDEX "Comment_answerId_idx" ON "Comment"("answerId");
CREATE INDEX "Comment_intakeId_idx" ON "Comment"("intakeId");
CREATE INDEX "Comment_similarGroupId_idx" ON "Comment"("similarGroupId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "CommentIntake_activityId_key" ON "CommentIntake"("activityId");

-- CreateIndex
CREATE INDEX "CommentIntake_draftId_receivedOn_idx" ON "CommentIntake"("draftId", "receivedOn");

-- CreateIndex
CREATE INDEX "CommentIntake_unitId_idx" ON "CommentIntake"("unitId");

-- CreateIndex
CREATE INDEX "CommentIntake_recordedById_idx" ON "CommentIntake"("recordedById");

-- CreateIndex
CREATE INDEX "CommentGroup_draftId_idx" ON "CommentGroup"("draftId");

-- CreateIndex
CREATE INDEX "CommentGroup_confirmedById_idx" ON "CommentGroup"("confirmedById");

