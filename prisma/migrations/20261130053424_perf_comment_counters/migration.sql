-- Comment counters (issue 10): added in place (ALTER TABLE ADD COLUMN) rather than by redefining the tables.
ALTER TABLE "Draft" ADD COLUMN "commentsPending" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Draft" ADD COLUMN "commentsPublished" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Draft" ADD COLUMN "commentsHidden" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "DraftSection" ADD COLUMN "commentsPublished" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Comment_draftId_status_createdAt_id_idx" ON "Comment"("draftId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Comment_draftId_createdAt_id_idx" ON "Comment"("draftId", "createdAt", "id");

-- Counts of the comments already there.
UPDATE "Draft" SET
  "commentsPending" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = "Draft"."id" AND c."status" = 'PENDING'),
  "commentsPublished" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = "Draft"."id" AND c."status" = 'PUBLISHED'),
  "commentsHidden" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = "Draft"."id" AND c."status" = 'HIDDEN');
UPDATE "DraftSection" SET
  "commentsPublished" = (SELECT COUNT(*) FROM "Comment" c WHERE c."sectionId" = "DraftSection"."id" AND c."status" = 'PUBLISHED');

-- The counters follow every insert, status change, move and delete of a comment, whatever code makes it
-- (moderation, immediate publishing, off-line entry, erasure, seeds, foreign-key SET NULL), in the same transaction.
CREATE TRIGGER "Comment_counts_insert" AFTER INSERT ON "Comment" BEGIN
  UPDATE "Draft" SET
    "commentsPending" = "commentsPending" + (NEW."status" = 'PENDING'),
    "commentsPublished" = "commentsPublished" + (NEW."status" = 'PUBLISHED'),
    "commentsHidden" = "commentsHidden" + (NEW."status" = 'HIDDEN')
  WHERE "id" = NEW."draftId";
  UPDATE "DraftSection" SET "commentsPublished" = "commentsPublished" + 1 WHERE NEW."status" = 'PUBLISHED' AND "id" = NEW."sectionId";
END;

CREATE TRIGGER "Comment_counts_delete" AFTER DELETE ON "Comment" BEGIN
  UPDATE "Draft" SET
    "commentsPending" = "commentsPending" - (OLD."status" = 'PENDING'),
    "commentsPublished" = "commentsPublished" - (OLD."status" = 'PUBLISHED'),
    "commentsHidden" = "commentsHidden" - (OLD."status" = 'HIDDEN')
  WHERE "id" = OLD."draftId";
  UPDATE "DraftSection" SET "commentsPublished" = "commentsPublished" - 1 WHERE OLD."status" = 'PUBLISHED' AND "id" = OLD."sectionId";
END;

CREATE TRIGGER "Comment_counts_update" AFTER UPDATE OF "status", "draftId", "sectionId" ON "Comment"
WHEN OLD."status" IS NOT NEW."status" OR OLD."draftId" IS NOT NEW."draftId" OR OLD."sectionId" IS NOT NEW."sectionId" BEGIN
  UPDATE "Draft" SET
    "commentsPending" = "commentsPending" - (OLD."status" = 'PENDING'),
    "commentsPublished" = "commentsPublished" - (OLD."status" = 'PUBLISHED'),
    "commentsHidden" = "commentsHidden" - (OLD."status" = 'HIDDEN')
  WHERE "id" = OLD."draftId";
  UPDATE "DraftSection" SET "commentsPublished" = "commentsPublished" - 1 WHERE OLD."status" = 'PUBLISHED' AND "id" = OLD."sectionId";
  UPDATE "Draft" SET
    "commentsPending" = "commentsPending" + (NEW."status" = 'PENDING'),
    "commentsPublished" = "commentsPublished" + (NEW."status" = 'PUBLISHED'),
    "commentsHidden" = "commentsHidden" + (NEW."status" = 'HIDDEN')
  WHERE "id" = NEW."draftId";
  UPDATE "DraftSection" SET "commentsPublished" = "commentsPublished" + 1 WHERE NEW."status" = 'PUBLISHED' AND "id" = NEW."sectionId";
END;
