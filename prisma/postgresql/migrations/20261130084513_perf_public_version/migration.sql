-- Page cache stamp (issue 10): see the SQLite migration of the same name for what moves it.
ALTER TABLE "Draft" ADD COLUMN     "publicVersion" INTEGER NOT NULL DEFAULT 0;

-- The migration runner splits the script at every semicolon: function bodies are E'' strings with \073.
CREATE FUNCTION "draft_public_version_self"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW."publicVersion" := OLD."publicVersion" + 1\073
  RETURN NEW\073
END';
-- When a new column of Draft is shown publicly, add it to this list.
CREATE TRIGGER "Draft_public_version" BEFORE UPDATE ON "Draft" FOR EACH ROW WHEN (
    OLD."wardId" IS DISTINCT FROM NEW."wardId" OR
    OLD."title" IS DISTINCT FROM NEW."title" OR
    OLD."documentType" IS DISTINCT FROM NEW."documentType" OR
    OLD."draftingAgency" IS DISTINCT FROM NEW."draftingAgency" OR
    OLD."field" IS DISTINCT FROM NEW."field" OR
    OLD."summary" IS DISTINCT FROM NEW."summary" OR
    OLD."affectedGroups" IS DISTINCT FROM NEW."affectedGroups" OR
    OLD."taskId" IS DISTINCT FROM NEW."taskId" OR
    OLD."triggerId" IS DISTINCT FROM NEW."triggerId" OR
    OLD."opensAt" IS DISTINCT FROM NEW."opensAt" OR
    OLD."closesAt" IS DISTINCT FROM NEW."closesAt" OR
    OLD."shortPeriodReason" IS DISTINCT FROM NEW."shortPeriodReason" OR
    OLD."state" IS DISTINCT FROM NEW."state" OR
    OLD."publishImmediately" IS DISTINCT FROM NEW."publishImmediately" OR
    OLD."summaryNote" IS DISTINCT FROM NEW."summaryNote" OR
    OLD."answeredAt" IS DISTINCT FROM NEW."answeredAt" OR
    OLD."closedEarlyAt" IS DISTINCT FROM NEW."closedEarlyAt" OR
    OLD."closedEarlyReason" IS DISTINCT FROM NEW."closedEarlyReason" OR
    OLD."commentsPublished" IS DISTINCT FROM NEW."commentsPublished")
  EXECUTE FUNCTION "draft_public_version_self"();

-- One function for the tables that carry "draftId" (Comment: only when a published comment is involved,
-- checked by the triggers WHEN, and CommentAnswer, DraftVersion, StoredFile).
CREATE FUNCTION "draft_public_version_bump"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP IN (''UPDATE'', ''DELETE'') AND OLD."draftId" IS NOT NULL THEN
    UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" = OLD."draftId"\073
  END IF\073
  IF TG_OP IN (''UPDATE'', ''INSERT'') AND NEW."draftId" IS NOT NULL AND (TG_OP = ''INSERT'' OR NEW."draftId" IS DISTINCT FROM OLD."draftId") THEN
    UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" = NEW."draftId"\073
  END IF\073
  RETURN NULL\073
END';
CREATE TRIGGER "Comment_public_version_insert" AFTER INSERT ON "Comment" FOR EACH ROW WHEN (NEW."status" = 'PUBLISHED')
  EXECUTE FUNCTION "draft_public_version_bump"();
CREATE TRIGGER "Comment_public_version_update" AFTER UPDATE ON "Comment" FOR EACH ROW WHEN (OLD."status" = 'PUBLISHED' OR NEW."status" = 'PUBLISHED')
  EXECUTE FUNCTION "draft_public_version_bump"();
CREATE TRIGGER "Comment_public_version_delete" AFTER DELETE ON "Comment" FOR EACH ROW WHEN (OLD."status" = 'PUBLISHED')
  EXECUTE FUNCTION "draft_public_version_bump"();
CREATE TRIGGER "CommentAnswer_public_version" AFTER INSERT OR UPDATE OR DELETE ON "CommentAnswer" FOR EACH ROW
  EXECUTE FUNCTION "draft_public_version_bump"();
CREATE TRIGGER "DraftVersion_public_version" AFTER INSERT OR UPDATE OR DELETE ON "DraftVersion" FOR EACH ROW
  EXECUTE FUNCTION "draft_public_version_bump"();
CREATE TRIGGER "StoredFile_public_version" AFTER INSERT OR UPDATE OR DELETE ON "StoredFile" FOR EACH ROW
  EXECUTE FUNCTION "draft_public_version_bump"();

-- Articles: not when only their published count moves (the comment's own trigger has moved the draft already).
CREATE FUNCTION "draft_section_public_version"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP IN (''UPDATE'', ''DELETE'') THEN
    UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" = (SELECT "draftId" FROM "DraftVersion" WHERE "id" = OLD."versionId")\073
  END IF\073
  IF TG_OP IN (''UPDATE'', ''INSERT'') THEN
    UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "id" = (SELECT "draftId" FROM "DraftVersion" WHERE "id" = NEW."versionId")\073
  END IF\073
  RETURN NULL\073
END';
CREATE TRIGGER "DraftSection_public_version_insert_delete" AFTER INSERT OR DELETE ON "DraftSection" FOR EACH ROW
  EXECUTE FUNCTION "draft_section_public_version"();
CREATE TRIGGER "DraftSection_public_version_update" AFTER UPDATE OF "versionId", "sortOrder", "kind", "key", "label", "heading", "body" ON "DraftSection" FOR EACH ROW
  EXECUTE FUNCTION "draft_section_public_version"();

-- The plan task and the triggering document the draft page names.
CREATE FUNCTION "draft_links_public_version"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_TABLE_NAME = ''Unit'' THEN
    UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "wardId" = NEW."wardId"\073
  ELSIF TG_TABLE_NAME = ''Task'' THEN
    UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "taskId" = NEW."id"\073
  ELSIF TG_TABLE_NAME = ''Plan'' THEN
    UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "taskId" IN (SELECT "id" FROM "Task" WHERE "planId" = NEW."id")\073
  ELSE
    UPDATE "Draft" SET "publicVersion" = "publicVersion" + 1 WHERE "triggerId" = NEW."id"\073
  END IF\073
  RETURN NULL\073
END';
CREATE TRIGGER "Task_public_version" AFTER UPDATE OF "ordinal", "planId" ON "Task" FOR EACH ROW
  EXECUTE FUNCTION "draft_links_public_version"();
CREATE TRIGGER "Plan_public_version" AFTER UPDATE OF "published", "year" ON "Plan" FOR EACH ROW
  EXECUTE FUNCTION "draft_links_public_version"();
CREATE TRIGGER "TaskTrigger_public_version" AFTER UPDATE OF "documentNumber", "issuedOn", "issuer" ON "TaskTrigger" FOR EACH ROW
  EXECUTE FUNCTION "draft_links_public_version"();
-- A residential group's name is shown with its residents' comments.
CREATE TRIGGER "Unit_public_version" AFTER UPDATE OF "name" ON "Unit" FOR EACH ROW
  EXECUTE FUNCTION "draft_links_public_version"();
