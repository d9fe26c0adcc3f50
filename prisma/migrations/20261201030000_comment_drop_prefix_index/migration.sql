-- Issue 10: ("draftId", "status", "createdAt") is a prefix of ("draftId", "status", "createdAt", "id"), which serves every
-- query it served, and each comment written paid for both (one more B-tree page in every commit).
DROP INDEX "Comment_draftId_status_createdAt_idx";
