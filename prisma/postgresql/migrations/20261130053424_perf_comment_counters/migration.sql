-- AlterTable
ALTER TABLE "Draft" ADD COLUMN     "commentsHidden" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "commentsPending" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "commentsPublished" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "DraftSection" ADD COLUMN     "commentsPublished" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Comment_draftId_status_createdAt_id_idx" ON "Comment"("draftId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Comment_draftId_createdAt_id_idx" ON "Comment"("draftId", "createdAt", "id");


-- Counts of the comments already there.
UPDATE "Draft" d SET
  "commentsPending" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = d."id" AND c."status" = 'PENDING'),
  "commentsPublished" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = d."id" AND c."status" = 'PUBLISHED'),
  "commentsHidden" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = d."id" AND c."status" = 'HIDDEN');
UPDATE "DraftSection" s SET
  "commentsPublished" = (SELECT COUNT(*) FROM "Comment" c WHERE c."sectionId" = s."id" AND c."status" = 'PUBLISHED');

-- The counters follow every insert, status change, move and delete of a comment, whatever code makes it
-- (moderation, immediate publishing, off-line entry, erasure, seeds, foreign-key SET NULL), in the same transaction.
-- The migration runner (Prisma's pg adapter) splits the script at every semicolon, so the body is an E'' string
-- with each semicolon written as \073.
CREATE FUNCTION "comment_counts"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP IN (''UPDATE'', ''DELETE'') THEN
    UPDATE "Draft" SET
      "commentsPending" = "commentsPending" - (OLD."status" = ''PENDING'')::int,
      "commentsPublished" = "commentsPublished" - (OLD."status" = ''PUBLISHED'')::int,
      "commentsHidden" = "commentsHidden" - (OLD."status" = ''HIDDEN'')::int
    WHERE "id" = OLD."draftId"\073
    IF OLD."status" = ''PUBLISHED'' AND OLD."sectionId" IS NOT NULL THEN
      UPDATE "DraftSection" SET "commentsPublished" = "commentsPublished" - 1 WHERE "id" = OLD."sectionId"\073
    END IF\073
  END IF\073
  IF TG_OP IN (''UPDATE'', ''INSERT'') THEN
    UPDATE "Draft" SET
      "commentsPending" = "commentsPending" + (NEW."status" = ''PENDING'')::int,
      "commentsPublished" = "commentsPublished" + (NEW."status" = ''PUBLISHED'')::int,
      "commentsHidden" = "commentsHidden" + (NEW."status" = ''HIDDEN'')::int
    WHERE "id" = NEW."draftId"\073
    IF NEW."status" = ''PUBLISHED'' AND NEW."sectionId" IS NOT NULL THEN
      UPDATE "DraftSection" SET "commentsPublished" = "commentsPublished" + 1 WHERE "id" = NEW."sectionId"\073
    END IF\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "Comment_counts_insert_delete" AFTER INSERT OR DELETE ON "Comment"
  FOR EACH ROW EXECUTE FUNCTION "comment_counts"();
CREATE TRIGGER "Comment_counts_update" AFTER UPDATE OF "status", "draftId", "sectionId" ON "Comment"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."draftId" IS DISTINCT FROM NEW."draftId" OR OLD."sectionId" IS DISTINCT FROM NEW."sectionId")
  EXECUTE FUNCTION "comment_counts"();
