-- How many of a draft's comments an officer took out of the similar-comment proposals (issue 10): the
-- moderation queue showed the proposal count after counting them on every view (a scan of the draft's
-- comments). Kept by triggers, in the same transaction as the change, like the other counters.
ALTER TABLE "Draft" ADD COLUMN     "commentsNotSimilar" INTEGER NOT NULL DEFAULT 0;

UPDATE "Draft" d SET "commentsNotSimilar" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = d."id" AND c."notSimilar");

-- The migration runner splits the script at every semicolon: the body is an E'' string with \073.
CREATE FUNCTION "comment_not_similar_count"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP IN (''UPDATE'', ''DELETE'') AND OLD."notSimilar" THEN
    UPDATE "Draft" SET "commentsNotSimilar" = "commentsNotSimilar" - 1 WHERE "id" = OLD."draftId"\073
  END IF\073
  IF TG_OP IN (''UPDATE'', ''INSERT'') AND NEW."notSimilar" THEN
    UPDATE "Draft" SET "commentsNotSimilar" = "commentsNotSimilar" + 1 WHERE "id" = NEW."draftId"\073
  END IF\073
  RETURN NULL\073
END';

-- A comment is stored with notSimilar false: the WHEN clauses keep the intake's INSERT from calling the function.
CREATE TRIGGER "Comment_not_similar_insert" AFTER INSERT ON "Comment"
  FOR EACH ROW WHEN (NEW."notSimilar") EXECUTE FUNCTION "comment_not_similar_count"();
CREATE TRIGGER "Comment_not_similar_delete" AFTER DELETE ON "Comment"
  FOR EACH ROW WHEN (OLD."notSimilar") EXECUTE FUNCTION "comment_not_similar_count"();
CREATE TRIGGER "Comment_not_similar_update" AFTER UPDATE OF "notSimilar", "draftId" ON "Comment"
  FOR EACH ROW WHEN (OLD."notSimilar" IS DISTINCT FROM NEW."notSimilar" OR (NEW."notSimilar" AND OLD."draftId" IS DISTINCT FROM NEW."draftId"))
  EXECUTE FUNCTION "comment_not_similar_count"();
