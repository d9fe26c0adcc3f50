-- CreateTable
CREATE TABLE "Ward" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "placeName" TEXT NOT NULL,
    "committeeName" TEXT NOT NULL,
    "parentBodyName" TEXT NOT NULL,
    "address" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "wardId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Unit_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
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
    CONSTRAINT "User_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sid" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "wardId" TEXT,
    "userId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "ip" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditLog_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StoredFile" (
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
    CONSTRAINT "StoredFile_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_progressReportId_fkey" FOREIGN KEY ("progressReportId") REFERENCES "ProgressReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_triggerId_fkey" FOREIGN KEY ("triggerId") REFERENCES "TaskTrigger" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoredFile_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "IssuedDocument" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Plan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "wardId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "number" INTEGER,
    "symbol" TEXT NOT NULL DEFAULT 'KH-UBND',
    "documentType" TEXT NOT NULL DEFAULT 'KẾ HOẠCH',
    "title" TEXT NOT NULL,
    "issuingBody" TEXT NOT NULL,
    "parentBody" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "issuedOn" DATETIME,
    "signerName" TEXT NOT NULL,
    "signerTitle" TEXT NOT NULL DEFAULT 'CHỦ TỊCH',
    "signerAuthority" TEXT NOT NULL DEFAULT '',
    "preamble" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "requirements" TEXT NOT NULL,
    "implementation" TEXT NOT NULL,
    "funding" TEXT NOT NULL,
    "closing" TEXT NOT NULL DEFAULT '',
    "archiveNote" TEXT NOT NULL DEFAULT 'VT',
    "published" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Plan_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanBasis" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "documentType" TEXT NOT NULL DEFAULT 'Kế hoạch',
    "number" TEXT NOT NULL,
    "issuedOn" DATETIME NOT NULL,
    "issuer" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "PlanBasis_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanRecipient" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "unitId" TEXT,
    CONSTRAINT "PlanRecipient_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlanRecipient_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "leadNote" TEXT NOT NULL DEFAULT '',
    "coordinationNote" TEXT NOT NULL DEFAULT '',
    "timeframeKind" TEXT NOT NULL,
    "timeframeText" TEXT NOT NULL,
    "startsOn" DATETIME,
    "dueOn" DATETIME,
    "triggerDays" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'NOT_STARTED',
    "progressPercent" INTEGER NOT NULL DEFAULT 0,
    "blockedReason" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Task_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TaskUnit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    CONSTRAINT "TaskUnit_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TaskUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TaskTrigger" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "documentNumber" TEXT NOT NULL,
    "issuedOn" DATETIME NOT NULL,
    "issuer" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "receivedOn" DATETIME NOT NULL,
    "dueOn" DATETIME,
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TaskTrigger_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TaskTrigger_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "authorId" TEXT,
    "reportedOn" DATETIME NOT NULL,
    "summary" TEXT NOT NULL,
    "progressPercent" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'SUBMITTED',
    "reviewNote" TEXT NOT NULL DEFAULT '',
    "reviewedById" TEXT,
    "reviewedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProgressReport_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgressReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProgressReport_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ProgressReport_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommunicationActivity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "reportId" TEXT,
    "unitId" TEXT,
    "draftId" TEXT,
    "channel" TEXT NOT NULL,
    "heldOn" DATETIME NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "peopleReached" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommunicationActivity_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommunicationActivity_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommunicationActivity_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CommunicationActivity_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BudgetEstimate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "submittedById" TEXT,
    "title" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'SUBMITTED',
    "requestedVnd" INTEGER NOT NULL,
    "approvedVnd" INTEGER,
    "decisionNote" TEXT NOT NULL DEFAULT '',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BudgetEstimate_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BudgetEstimate_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "BudgetEstimate_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "BudgetEstimate_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BudgetLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "estimateId" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "unitLabel" TEXT NOT NULL DEFAULT '',
    "quantity" INTEGER NOT NULL,
    "unitPrice" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    CONSTRAINT "BudgetLine_estimateId_fkey" FOREIGN KEY ("estimateId") REFERENCES "BudgetEstimate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Obstacle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "taskId" TEXT,
    "unitId" TEXT NOT NULL,
    "raisedById" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "forwardNote" TEXT NOT NULL DEFAULT '',
    "forwardedById" TEXT,
    "forwardedAt" DATETIME,
    "responseKind" TEXT,
    "response" TEXT NOT NULL DEFAULT '',
    "answeredById" TEXT,
    "answeredAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Obstacle_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Obstacle_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Obstacle_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Obstacle_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Obstacle_forwardedById_fkey" FOREIGN KEY ("forwardedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Obstacle_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Draft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "wardId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "documentType" TEXT NOT NULL,
    "draftingAgency" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "affectedGroups" TEXT NOT NULL DEFAULT '',
    "taskId" TEXT,
    "triggerId" TEXT,
    "opensAt" DATETIME NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "shortPeriodReason" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL DEFAULT 'DRAFT',
    "publishImmediately" BOOLEAN NOT NULL DEFAULT false,
    "summaryNote" TEXT NOT NULL DEFAULT '',
    "answeredAt" DATETIME,
    "closedEarlyAt" DATETIME,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Draft_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Draft_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Draft_triggerId_fkey" FOREIGN KEY ("triggerId") REFERENCES "TaskTrigger" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Draft_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DraftVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "changeSummary" TEXT NOT NULL DEFAULT '',
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DraftVersion_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DraftSection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "heading" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "searchText" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "DraftSection_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DraftVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Comment" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DraftVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "DraftSection" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_residentialGroupId_fkey" FOREIGN KEY ("residentialGroupId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_moderatedById_fkey" FOREIGN KEY ("moderatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "CommentAnswer" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommentAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "answeredById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CommentAnswer_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommentAnswer_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IssuedDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "wardId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "year" INTEGER,
    "number" INTEGER,
    "symbol" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "periodStart" DATETIME,
    "periodEnd" DATETIME,
    "narrative" TEXT NOT NULL DEFAULT '{}',
    "figures" TEXT NOT NULL DEFAULT '{}',
    "computedAt" DATETIME,
    "signerName" TEXT NOT NULL DEFAULT '',
    "signerTitle" TEXT NOT NULL DEFAULT '',
    "signerAuthority" TEXT NOT NULL DEFAULT '',
    "sha256" TEXT,
    "issuedAt" DATETIME,
    "issuedById" TEXT,
    "supersedesId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "IssuedDocument_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IssuedDocument_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IssuedDocument_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "IssuedDocument_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "IssuedDocument" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DocumentCounter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "wardId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "symbol" TEXT NOT NULL,
    "lastNumber" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "DocumentCounter_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Ward_slug_key" ON "Ward"("slug");

-- CreateIndex
CREATE INDEX "Unit_wardId_kind_sortOrder_idx" ON "Unit"("wardId", "kind", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_wardId_name_key" ON "Unit"("wardId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_wardId_idx" ON "User"("wardId");

-- CreateIndex
CREATE INDEX "User_unitId_idx" ON "User"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_sid_key" ON "Session"("sid");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "AuditLog_wardId_createdAt_idx" ON "AuditLog"("wardId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_userId_idx" ON "AuditLog"("userId");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "StoredFile_storageKey_key" ON "StoredFile"("storageKey");

-- CreateIndex
CREATE INDEX "StoredFile_wardId_idx" ON "StoredFile"("wardId");

-- CreateIndex
CREATE INDEX "StoredFile_uploadedById_idx" ON "StoredFile"("uploadedById");

-- CreateIndex
CREATE INDEX "StoredFile_progressReportId_idx" ON "StoredFile"("progressReportId");

-- CreateIndex
CREATE INDEX "StoredFile_triggerId_idx" ON "StoredFile"("triggerId");

-- CreateIndex
CREATE INDEX "StoredFile_draftId_idx" ON "StoredFile"("draftId");

-- CreateIndex
CREATE INDEX "StoredFile_documentId_idx" ON "StoredFile"("documentId");

-- CreateIndex
CREATE INDEX "Plan_wardId_year_idx" ON "Plan"("wardId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_wardId_year_symbol_number_key" ON "Plan"("wardId", "year", "symbol", "number");

-- CreateIndex
CREATE INDEX "PlanBasis_planId_sortOrder_idx" ON "PlanBasis"("planId", "sortOrder");

-- CreateIndex
CREATE INDEX "PlanRecipient_planId_sortOrder_idx" ON "PlanRecipient"("planId", "sortOrder");

-- CreateIndex
CREATE INDEX "PlanRecipient_unitId_idx" ON "PlanRecipient"("unitId");

-- CreateIndex
CREATE INDEX "Task_planId_dueOn_idx" ON "Task"("planId", "dueOn");

-- CreateIndex
CREATE INDEX "Task_status_idx" ON "Task"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Task_planId_ordinal_key" ON "Task"("planId", "ordinal");

-- CreateIndex
CREATE INDEX "TaskUnit_unitId_idx" ON "TaskUnit"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "TaskUnit_taskId_unitId_role_key" ON "TaskUnit"("taskId", "unitId", "role");

-- CreateIndex
CREATE INDEX "TaskTrigger_taskId_receivedOn_idx" ON "TaskTrigger"("taskId", "receivedOn");

-- CreateIndex
CREATE INDEX "TaskTrigger_recordedById_idx" ON "TaskTrigger"("recordedById");

-- CreateIndex
CREATE INDEX "ProgressReport_taskId_reportedOn_idx" ON "ProgressReport"("taskId", "reportedOn");

-- CreateIndex
CREATE INDEX "ProgressReport_unitId_idx" ON "ProgressReport"("unitId");

-- CreateIndex
CREATE INDEX "ProgressReport_authorId_idx" ON "ProgressReport"("authorId");

-- CreateIndex
CREATE INDEX "ProgressReport_reviewedById_idx" ON "ProgressReport"("reviewedById");

-- CreateIndex
CREATE INDEX "ProgressReport_status_idx" ON "ProgressReport"("status");

-- CreateIndex
CREATE INDEX "CommunicationActivity_taskId_heldOn_idx" ON "CommunicationActivity"("taskId", "heldOn");

-- CreateIndex
CREATE INDEX "CommunicationActivity_reportId_idx" ON "CommunicationActivity"("reportId");

-- CreateIndex
CREATE INDEX "CommunicationActivity_unitId_idx" ON "CommunicationActivity"("unitId");

-- CreateIndex
CREATE INDEX "CommunicationActivity_draftId_idx" ON "CommunicationActivity"("draftId");

-- CreateIndex
CREATE INDEX "BudgetEstimate_taskId_createdAt_idx" ON "BudgetEstimate"("taskId", "createdAt");

-- CreateIndex
CREATE INDEX "BudgetEstimate_unitId_idx" ON "BudgetEstimate"("unitId");

-- CreateIndex
CREATE INDEX "BudgetEstimate_submittedById_idx" ON "BudgetEstimate"("submittedById");

-- CreateIndex
CREATE INDEX "BudgetEstimate_decidedById_idx" ON "BudgetEstimate"("decidedById");

-- CreateIndex
CREATE INDEX "BudgetEstimate_status_idx" ON "BudgetEstimate"("status");

-- CreateIndex
CREATE INDEX "BudgetLine_estimateId_sortOrder_idx" ON "BudgetLine"("estimateId", "sortOrder");

-- CreateIndex
CREATE INDEX "Obstacle_planId_status_idx" ON "Obstacle"("planId", "status");

-- CreateIndex
CREATE INDEX "Obstacle_taskId_idx" ON "Obstacle"("taskId");

-- CreateIndex
CREATE INDEX "Obstacle_unitId_idx" ON "Obstacle"("unitId");

-- CreateIndex
CREATE INDEX "Obstacle_raisedById_idx" ON "Obstacle"("raisedById");

-- CreateIndex
CREATE INDEX "Obstacle_forwardedById_idx" ON "Obstacle"("forwardedById");

-- CreateIndex
CREATE INDEX "Obstacle_answeredById_idx" ON "Obstacle"("answeredById");

-- CreateIndex
CREATE INDEX "Obstacle_createdAt_idx" ON "Obstacle"("createdAt");

-- CreateIndex
CREATE INDEX "Draft_wardId_state_opensAt_idx" ON "Draft"("wardId", "state", "opensAt");

-- CreateIndex
CREATE INDEX "Draft_wardId_closesAt_idx" ON "Draft"("wardId", "closesAt");

-- CreateIndex
CREATE INDEX "Draft_taskId_idx" ON "Draft"("taskId");

-- CreateIndex
CREATE INDEX "Draft_triggerId_idx" ON "Draft"("triggerId");

-- CreateIndex
CREATE INDEX "Draft_createdById_idx" ON "Draft"("createdById");

-- CreateIndex
CREATE UNIQUE INDEX "DraftVersion_draftId_number_key" ON "DraftVersion"("draftId", "number");

-- CreateIndex
CREATE INDEX "DraftSection_versionId_sortOrder_idx" ON "DraftSection"("versionId", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "DraftSection_versionId_key_key" ON "DraftSection"("versionId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Comment_receiptCode_key" ON "Comment"("receiptCode");

-- CreateIndex
CREATE INDEX "Comment_draftId_status_createdAt_idx" ON "Comment"("draftId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_versionId_idx" ON "Comment"("versionId");

-- CreateIndex
CREATE INDEX "Comment_sectionId_idx" ON "Comment"("sectionId");

-- CreateIndex
CREATE INDEX "Comment_residentialGroupId_idx" ON "Comment"("residentialGroupId");

-- CreateIndex
CREATE INDEX "Comment_moderatedById_idx" ON "Comment"("moderatedById");

-- CreateIndex
CREATE INDEX "Comment_answerId_idx" ON "Comment"("answerId");

-- CreateIndex
CREATE INDEX "CommentAnswer_draftId_idx" ON "CommentAnswer"("draftId");

-- CreateIndex
CREATE INDEX "CommentAnswer_answeredById_idx" ON "CommentAnswer"("answeredById");

-- CreateIndex
CREATE INDEX "IssuedDocument_planId_createdAt_idx" ON "IssuedDocument"("planId", "createdAt");

-- CreateIndex
CREATE INDEX "IssuedDocument_issuedById_idx" ON "IssuedDocument"("issuedById");

-- CreateIndex
CREATE INDEX "IssuedDocument_supersedesId_idx" ON "IssuedDocument"("supersedesId");

-- CreateIndex
CREATE UNIQUE INDEX "IssuedDocument_wardId_year_symbol_number_key" ON "IssuedDocument"("wardId", "year", "symbol", "number");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentCounter_wardId_year_symbol_key" ON "DocumentCounter"("wardId", "year", "symbol");

