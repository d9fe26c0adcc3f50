-- Counts the summary page shows (issue 10), kept by triggers so no view reads every comment. Added in place
-- (ALTER TABLE ADD COLUMN), not by redefining the tables, so the triggers already on them stay.
ALTER TABLE "Draft" ADD COLUMN "commentsOnline" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Draft" ADD COLUMN "commentsMeeting" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Draft" ADD COLUMN "commentsWritten" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Draft" ADD COLUMN "commentsPhone" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Draft" ADD COLUMN "commentsForwarded" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "CommentGroup" ADD COLUMN "commentsCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "CommentAnswer" ADD COLUMN "commentsPublished" INTEGER NOT NULL DEFAULT 0;

-- Counts of the comments already there.
UPDATE "Draft" SET
  "commentsOnline" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = "Draft"."id" AND c."channel" = 'ONLINE'),
  "commentsMeeting" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = "Draft"."id" AND c."channel" = 'MEETING'),
  "commentsWritten" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = "Draft"."id" AND c."channel" = 'WRITTEN'),
  "commentsPhone" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = "Draft"."id" AND c."channel" = 'PHONE'),
  "commentsForwarded" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = "Draft"."id" AND c."channel" = 'FORWARDED');
UPDATE "CommentGroup" SET "commentsCount" = (SELECT COUNT(*) FROM "Comment" c WHERE c."similarGroupId" = "CommentGroup"."id");
UPDATE "CommentAnswer" SET "commentsPublished" = (SELECT COUNT(*) FROM "Comment" c WHERE c."answerId" = "CommentAnswer"."id" AND c."status" = 'PUBLISHED');

CREATE TRIGGER "Comment_summary_counts_insert" AFTER INSERT ON "Comment" BEGIN
  UPDATE "Draft" SET
    "commentsOnline" = "commentsOnline" + (NEW."channel" = 'ONLINE'),
    "commentsMeeting" = "commentsMeeting" + (NEW."channel" = 'MEETING'),
    "commentsWritten" = "commentsWritten" + (NEW."channel" = 'WRITTEN'),
    "commentsPhone" = "commentsPhone" + (NEW."channel" = 'PHONE'),
    "commentsForwarded" = "commentsForwarded" + (NEW."channel" = 'FORWARDED')
  WHERE "id" = NEW."draftId";
  UPDATE "CommentAnswer" SET "commentsPublished" = "commentsPublished" + 1 WHERE NEW."status" = 'PUBLISHED' AND "id" = NEW."answerId";
  UPDATE "CommentGroup" SET "commentsCount" = "commentsCount" + 1 WHERE "id" = NEW."similarGroupId";
END;

CREATE TRIGGER "Comment_summary_counts_delete" AFTER DELETE ON "Comment" BEGIN
  UPDATE "Draft" SET
    "commentsOnline" = "commentsOnline" - (OLD."channel" = 'ONLINE'),
    "commentsMeeting" = "commentsMeeting" - (OLD."channel" = 'MEETING'),
    "commentsWritten" = "commentsWritten" - (OLD."channel" = 'WRITTEN'),
    "commentsPhone" = "commentsPhone" - (OLD."channel" = 'PHONE'),
    "commentsForwarded" = "commentsForwarded" - (OLD."channel" = 'FORWARDED')
  WHERE "id" = OLD."draftId";
  UPDATE "CommentAnswer" SET "commentsPublished" = "commentsPublished" - 1 WHERE OLD."status" = 'PUBLISHED' AND "id" = OLD."answerId";
  UPDATE "CommentGroup" SET "commentsCount" = "commentsCount" - 1 WHERE "id" = OLD."similarGroupId";
END;

CREATE TRIGGER "Comment_summary_counts_update" AFTER UPDATE OF "channel", "draftId", "status", "answerId", "similarGroupId" ON "Comment"
WHEN OLD."channel" IS NOT NEW."channel" OR OLD."draftId" IS NOT NEW."draftId" OR OLD."status" IS NOT NEW."status"
  OR OLD."answerId" IS NOT NEW."answerId" OR OLD."similarGroupId" IS NOT NEW."similarGroupId" BEGIN
  UPDATE "Draft" SET
    "commentsOnline" = "commentsOnline" - (OLD."channel" = 'ONLINE'),
    "commentsMeeting" = "commentsMeeting" - (OLD."channel" = 'MEETING'),
    "commentsWritten" = "commentsWritten" - (OLD."channel" = 'WRITTEN'),
    "commentsPhone" = "commentsPhone" - (OLD."channel" = 'PHONE'),
    "commentsForwarded" = "commentsForwarded" - (OLD."channel" = 'FORWARDED')
  WHERE "id" = OLD."draftId";
  UPDATE "Draft" SET
    "commentsOnline" = "commentsOnline" + (NEW."channel" = 'ONLINE'),
    "commentsMeeting" = "commentsMeeting" + (NEW."channel" = 'MEETING'),
    "commentsWritten" = "commentsWritten" + (NEW."channel" = 'WRITTEN'),
    "commentsPhone" = "commentsPhone" + (NEW."channel" = 'PHONE'),
    "commentsForwarded" = "commentsForwarded" + (NEW."channel" = 'FORWARDED')
  WHERE "id" = NEW."draftId";
  UPDATE "CommentAnswer" SET "commentsPublished" = "commentsPublished" - 1 WHERE OLD."status" = 'PUBLISHED' AND "id" = OLD."answerId";
  UPDATE "CommentAnswer" SET "commentsPublished" = "commentsPublished" + 1 WHERE NEW."status" = 'PUBLISHED' AND "id" = NEW."answerId";
  UPDATE "CommentGroup" SET "commentsCount" = "commentsCount" - 1 WHERE "id" = OLD."similarGroupId";
  UPDATE "CommentGroup" SET "commentsCount" = "commentsCount" + 1 WHERE "id" = NEW."similarGroupId";
END;

-- The summary page lists published comments article by article, oldest first, one page at a time (keyset).
CREATE INDEX "Comment_draftId_status_sectionId_createdAt_id_idx" ON "Comment"("draftId", "status", "sectionId", "createdAt", "id");
