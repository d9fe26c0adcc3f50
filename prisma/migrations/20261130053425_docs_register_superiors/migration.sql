-- CreateTable
CREATE TABLE "WardSuperior" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "wardId" TEXT NOT NULL,
    "validFrom" DATETIME NOT NULL,
    "validTo" DATETIME,
    "superiorCommittee" TEXT NOT NULL,
    "justiceBody" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WardSuperior_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutgoingRegisterEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "wardId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "sequenceKey" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "symbol" TEXT NOT NULL,
    "documentType" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "signedBy" TEXT NOT NULL,
    "issuedOn" DATETIME NOT NULL,
    "recipients" TEXT NOT NULL DEFAULT '',
    "documentId" TEXT,
    "draftId" TEXT,
    "correctsEntryId" TEXT,
    "enteredById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutgoingRegisterEntry_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OutgoingRegisterEntry_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "IssuedDocument" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "OutgoingRegisterEntry_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "OutgoingRegisterEntry_correctsEntryId_fkey" FOREIGN KEY ("correctsEntryId") REFERENCES "OutgoingRegisterEntry" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "OutgoingRegisterEntry_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- AlterTable (ADD COLUMN rather than a table rebuild, so columns other migrations add to Ward are kept)
ALTER TABLE "Ward" ADD COLUMN "registerSequencing" TEXT NOT NULL DEFAULT 'PER_SYMBOL';

-- CreateIndex
CREATE INDEX "WardSuperior_wardId_validFrom_idx" ON "WardSuperior"("wardId", "validFrom");

-- CreateIndex
CREATE INDEX "OutgoingRegisterEntry_wardId_year_createdAt_idx" ON "OutgoingRegisterEntry"("wardId", "year", "createdAt");

-- CreateIndex
CREATE INDEX "OutgoingRegisterEntry_documentId_idx" ON "OutgoingRegisterEntry"("documentId");

-- CreateIndex
CREATE INDEX "OutgoingRegisterEntry_draftId_idx" ON "OutgoingRegisterEntry"("draftId");

-- CreateIndex
CREATE INDEX "OutgoingRegisterEntry_correctsEntryId_idx" ON "OutgoingRegisterEntry"("correctsEntryId");

-- CreateIndex
CREATE INDEX "OutgoingRegisterEntry_enteredById_idx" ON "OutgoingRegisterEntry"("enteredById");

-- CreateIndex
CREATE UNIQUE INDEX "OutgoingRegisterEntry_wardId_year_sequenceKey_number_key" ON "OutgoingRegisterEntry"("wardId", "year", "sequenceKey", "number");


-- Reports already issued and plans already numbered enter the register under the numbers they carry, so the next number follows them.
INSERT INTO "OutgoingRegisterEntry" ("id", "wardId", "year", "sequenceKey", "number", "symbol", "documentType", "summary", "signedBy", "issuedOn", "documentId")
SELECT 'reg_' || "id", "wardId", "year", "symbol", "number", "symbol", 'Báo cáo', "title", "signerName", "issuedAt", "id"
FROM "IssuedDocument" WHERE "status" = 'ISSUED' AND "number" IS NOT NULL AND "year" IS NOT NULL AND "issuedAt" IS NOT NULL;
INSERT INTO "OutgoingRegisterEntry" ("id", "wardId", "year", "sequenceKey", "number", "symbol", "documentType", "summary", "signedBy", "issuedOn")
SELECT 'regp_' || "id", "wardId", "year", "symbol", "number", "symbol", 'Kế hoạch', "title", "signerName", "issuedOn"
FROM "Plan" WHERE "number" IS NOT NULL AND "issuedOn" IS NOT NULL;
