-- Counts the summary page shows (issue 10), kept by triggers so no view reads every comment.
ALTER TABLE "Draft" ADD COLUMN     "commentsForwarded" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "commentsMeeting" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "commentsOnline" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "commentsPhone" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "commentsWritten" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "CommentGroup" ADD COLUMN     "commentsCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "CommentAnswer" ADD COLUMN     "commentsPublished" INTEGER NOT NULL DEFAULT 0;

-- Counts of the comments already there.
UPDATE "Draft" d SET
  "commentsOnline" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = d."id" AND c."channel" = 'ONLINE'),
  "commentsMeeting" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = d."id" AND c."channel" = 'MEETING'),
  "commentsWritten" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = d."id" AND c."channel" = 'WRITTEN'),
  "commentsPhone" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = d."id" AND c."channel" = 'PHONE'),
  "commentsForwarded" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = d."id" AND c."channel" = 'FORWARDED');
UPDATE "CommentGroup" g SET "commentsCount" = (SELECT COUNT(*) FROM "Comment" c WHERE c."similarGroupId" = g."id");
UPDATE "CommentAnswer" a SET "commentsPublished" = (SELECT COUNT(*) FROM "Comment" c WHERE c."answerId" = a."id" AND c."status" = 'PUBLISHED');

-- The migration runner splits the script at every semicolon: the body is an E'' string with \073.
CREATE FUNCTION "comment_summary_counts"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP IN (''UPDATE'', ''DELETE'') THEN
    UPDATE "Draft" SET
      "commentsOnline" = "commentsOnline" - (OLD."channel" = ''ONLINE'')::int,
      "commentsMeeting" = "commentsMeeting" - (OLD."channel" = ''MEETING'')::int,
      "commentsWritten" = "commentsWritten" - (OLD."channel" = ''WRITTEN'')::int,
      "commentsPhone" = "commentsPhone" - (OLD."channel" = ''PHONE'')::int,
      "commentsForwarded" = "commentsForwarded" - (OLD."channel" = ''FORWARDED'')::int
    WHERE "id" = OLD."draftId"\073
    IF OLD."status" = ''PUBLISHED'' AND OLD."answerId" IS NOT NULL THEN
      UPDATE "CommentAnswer" SET "commentsPublished" = "commentsPublished" - 1 WHERE "id" = OLD."answerId"\073
    END IF\073
    IF OLD."similarGroupId" IS NOT NULL THEN
      UPDATE "CommentGroup" SET "commentsCount" = "commentsCount" - 1 WHERE "id" = OLD."similarGroupId"\073
    END IF\073
  END IF\073
  IF TG_OP IN (''UPDATE'', ''INSERT'') THEN
    UPDATE "Draft" SET
      "commentsOnline" = "commentsOnline" + (NEW."channel" = ''ONLINE'')::int,
      "commentsMeeting" = "commentsMeeting" + (NEW."channel" = ''MEETING'')::int,
      "commentsWritten" = "commentsWritten" + (NEW."channel" = ''WRITTEN'')::int,
      "commentsPhone" = "commentsPhone" + (NEW."channel" = ''PHONE'')::int,
      "commentsForwarded" = "commentsForwarded" + (NEW."channel" = ''FORWARDED'')::int
    WHERE "id" = NEW."draftId"\073
    IF NEW."status" = ''PUBLISHED'' AND NEW."answerId" IS NOT NULL THEN
      UPDATE "CommentAnswer" SET "commentsPublished" = "commentsPublished" + 1 WHERE "id" = NEW."answerId"\073
    END IF\073
    IF NEW."similarGroupId" IS NOT NULL THEN
      UPDATE "CommentGroup" SET "commentsCount" = "commentsCount" + 1 WHERE "id" = NEW."similarGroupId"\073
    END IF\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "Comment_summary_counts_insert_delete" AFTER INSERT OR DELETE ON "Comment"
  FOR EACH ROW EXECUTE FUNCTION "comment_summary_counts"();
CREATE TRIGGER "Comment_summary_counts_update" AFTER UPDATE OF "channel", "draftId", "status", "answerId", "similarGroupId" ON "Comment"
  FOR EACH ROW WHEN (OLD."channel" IS DISTINCT FROM NEW."channel" OR OLD."draftId" IS DISTINCT FROM NEW."draftId" OR OLD."status" IS DISTINCT FROM NEW."status"
    OR OLD."answerId" IS DISTINCT FROM NEW."answerId" OR OLD."similarGroupId" IS DISTINCT FROM NEW."similarGroupId")
  EXECUTE FUNCTION "comment_summary_counts"();

-- The summary page lists published comments article by article, oldest first, one page at a time (keyset).
CREATE INDEX "Comment_draftId_status_sectionId_createdAt_id_idx" ON "Comment"("draftId", "status", "sectionId", "createdAt", "id");
