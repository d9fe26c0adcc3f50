-- How many of a draft's comments an officer took out of the similar-comment proposals (issue 10): the
-- moderation queue showed the proposal count after counting them on every view (a scan of the draft's
-- comments, ~6 ms at 1,000 and growing with them). Kept by triggers, in the same transaction as the change,
-- like the other counters, and added in place so the triggers already on the tables stay.
ALTER TABLE "Draft" ADD COLUMN "commentsNotSimilar" INTEGER NOT NULL DEFAULT 0;

UPDATE "Draft" SET "commentsNotSimilar" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = "Draft"."id" AND c."notSimilar" = 1);

-- A comment is stored with notSimilar false: the WHEN clauses keep the intake's INSERT free of any update.
CREATE TRIGGER "Comment_not_similar_insert" AFTER INSERT ON "Comment" WHEN NEW."notSimilar" BEGIN
  UPDATE "Draft" SET "commentsNotSimilar" = "commentsNotSimilar" + 1 WHERE "id" = NEW."draftId";
END;

CREATE TRIGGER "Comment_not_similar_delete" AFTER DELETE ON "Comment" WHEN OLD."notSimilar" BEGIN
  UPDATE "Draft" SET "commentsNotSimilar" = "commentsNotSimilar" - 1 WHERE "id" = OLD."draftId";
END;

CREATE TRIGGER "Comment_not_similar_update" AFTER UPDATE OF "notSimilar", "draftId" ON "Comment"
WHEN OLD."notSimilar" IS NOT NEW."notSimilar" OR (NEW."notSimilar" AND OLD."draftId" IS NOT NEW."draftId") BEGIN
  UPDATE "Draft" SET "commentsNotSimilar" = "commentsNotSimilar" - 1 WHERE OLD."notSimilar" AND "id" = OLD."draftId";
  UPDATE "Draft" SET "commentsNotSimilar" = "commentsNotSimilar" + 1 WHERE NEW."notSimilar" AND "id" = NEW."draftId";
END;
