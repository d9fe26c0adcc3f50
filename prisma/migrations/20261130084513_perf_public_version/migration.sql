-- Page cache stamp (issue 10): added in place (ALTER TABLE ADD COLUMN), not by redefining the table, so the
-- comment counter triggers on Draft's neighbours and other migrations' columns stay.
ALTER TABLE "Draft" ADD COLUMN "publicVersion" INTEGER NOT NULL DEFAULT 0;

-- "publicVersion" moves on, in the same transaction, whenever something the public pages of a draft show
-- changes, whatever code makes the change: the draft's own shown fields and published count, a published
-- comment (published, hidden, edited, erased, moved), an answer, a version or article, an attached file,
-- the plan task or triggering document named on the page. Pending comments arriving do not move it.
-- When a new column of Draft is shown publicly, add it to the list of "Draft_public_version".
-- (The counter triggers write all three counts on every comment, so the columns are compared, not just named.)
CREATE TRIGGER "Draft_public_version" AFTER UPDATE ON "Draft" WHEN
  OLD."wardId" IS NOT NEW."wardId" OR
  OLD."title" IS NOT NEW."title" OR
  OLD."documentType" IS NOT NEW."documentType" OR
  OLD."draftingAgency" IS NOT NEW."draftingAgency" OR
  OLD."field" IS NOT NEW."field" OR
  OLD."summary" IS NOT NEW."summary" OR
  OLD."affectedGroups" IS NOT NEW."affectedGroups" OR
  OLD."taskId" IS NOT NEW."taskId" OR
  OLD."triggerId" IS NOT NEW."triggerId" OR
  OLD."opensAt" IS NOT NEW."opensAt" OR
  OLD."closesAt" IS NOT NEW."closesAt" OR
  OLD."shortPeriodReason" IS NOT NEW."shortPeriodReason" OR
  OLD."state" IS NOT NEW."state" OR
  OLD."publishImmediately" IS NOT NEW."publishImmediately" OR
  OLD."summaryNote" IS NOT NEW."summaryNote" OR
  OLD."answeredAt" IS NOT NEW."answeredAt" OR
  OLD."closedEarlyAt" IS NOT NEW."closedEarlyAt" OR
  OLD."closedEarlyReason" IS NOT NEW."closedEarlyReason" OR
  OLD."commentsPublished" IS NOT NEW."commentsPublished"
BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Comment_public_version_insert" AFTER INSERT ON "Comment" WHEN NEW."status" = 'PUBLISHED' BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" = NEW."draftId";
END;
CREATE TRIGGER "Comment_public_version_update" AFTER UPDATE ON "Comment" WHEN OLD."status" = 'PUBLISHED' OR NEW."status" = 'PUBLISHED' BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" IN (OLD."draftId", NEW."draftId");
END;
CREATE TRIGGER "Comment_public_version_delete" AFTER DELETE ON "Comment" WHEN OLD."status" = 'PUBLISHED' BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" = OLD."draftId";
END;

CREATE TRIGGER "CommentAnswer_public_version_insert" AFTER INSERT ON "CommentAnswer" BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" = NEW."draftId";
END;
CREATE TRIGGER "CommentAnswer_public_version_update" AFTER UPDATE ON "CommentAnswer" BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" IN (OLD."draftId", NEW."draftId");
END;
CREATE TRIGGER "CommentAnswer_public_version_delete" AFTER DELETE ON "CommentAnswer" BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" = OLD."draftId";
END;

CREATE TRIGGER "DraftVersion_public_version_insert" AFTER INSERT ON "DraftVersion" BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" = NEW."draftId";
END;
CREATE TRIGGER "DraftVersion_public_version_update" AFTER UPDATE ON "DraftVersion" BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" IN (OLD."draftId", NEW."draftId");
END;
CREATE TRIGGER "DraftVersion_public_version_delete" AFTER DELETE ON "DraftVersion" BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" = OLD."draftId";
END;

-- Articles: not when only their published count moves (the comment's own trigger has moved the draft already).
CREATE TRIGGER "DraftSection_public_version_insert" AFTER INSERT ON "DraftSection" BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" = (SELECT "draftId" FROM "DraftVersion" WHERE "id" = NEW."versionId");
END;
CREATE TRIGGER "DraftSection_public_version_update" AFTER UPDATE OF "versionId", "sortOrder", "kind", "key", "label", "heading", "body" ON "DraftSection" BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1
  WHERE "id" IN (SELECT "draftId" FROM "DraftVersion" WHERE "id" IN (OLD."versionId", NEW."versionId"));
END;
CREATE TRIGGER "DraftSection_public_version_delete" AFTER DELETE ON "DraftSection" BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" = (SELECT "draftId" FROM "DraftVersion" WHERE "id" = OLD."versionId");
END;

CREATE TRIGGER "StoredFile_public_version_insert" AFTER INSERT ON "StoredFile" WHEN NEW."draftId" IS NOT NULL BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" = NEW."draftId";
END;
CREATE TRIGGER "StoredFile_public_version_update" AFTER UPDATE ON "StoredFile" WHEN OLD."draftId" IS NOT NULL OR NEW."draftId" IS NOT NULL BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" IN (OLD."draftId", NEW."draftId");
END;
CREATE TRIGGER "StoredFile_public_version_delete" AFTER DELETE ON "StoredFile" WHEN OLD."draftId" IS NOT NULL BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" = OLD."draftId";
END;

-- The plan task and the triggering document the draft page names.
CREATE TRIGGER "Task_public_version" AFTER UPDATE OF "ordinal", "planId" ON "Task" BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "taskId" = NEW."id";
END;
CREATE TRIGGER "Plan_public_version" AFTER UPDATE OF "published", "year" ON "Plan" BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "taskId" IN (SELECT "id" FROM "Task" WHERE "planId" = NEW."id");
END;
CREATE TRIGGER "TaskTrigger_public_version" AFTER UPDATE OF "documentNumber", "issuedOn", "issuer" ON "TaskTrigger" BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "triggerId" = NEW."id";
END;
-- A residential group's name is shown with its residents' comments.
CREATE TRIGGER "Unit_public_version" AFTER UPDATE OF "name" ON "Unit" BEGIN
  UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "wardId" = NEW."wardId";
END;
