-- AlterTable
ALTER TABLE "StoredFile" ADD COLUMN     "intakeId" TEXT;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "channel" TEXT NOT NULL DEFAULT 'ONLINE',
ADD COLUMN     "intakeId" TEXT,
ADD COLUMN     "notSimilar" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "similarGroupId" TEXT;

-- CreateTable
CREATE TABLE "CommentIntake" (
    "id" TEXT NOT NULL,
    "draftId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "receivedOn" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT '',
    "peoplePresent" INTEGER,
    "unitId" TEXT,
    "activityId" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommentIntake_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommentGroup" (
    "id" TEXT NOT NULL,
    "draftId" TEXT NOT NULL,
    "confirmedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommentGroup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CommentIntake_activityId_key" ON "CommentIntake"("activityId");

-- CreateIndex
CREATE INDEX "CommentIntake_draftId_receivedOn_idx" ON "CommentIntake"("draftId", "receivedOn");

-- CreateIndex
CREATE INDEX "CommentIntake_unitId_idx" ON "CommentIntake"("unitId");

-- CreateIndex
CREATE INDEX "CommentIntake_recordedById_idx" ON "CommentIntake"("recordedById");

-- CreateIndex
CREATE INDEX "CommentGroup_draftId_idx" ON "CommentGroup"("draftId");

-- CreateIndex
CREATE INDEX "CommentGroup_confirmedById_idx" ON "CommentGroup"("confirmedById");

-- CreateIndex
CREATE INDEX "StoredFile_intakeId_idx" ON "StoredFile"("intakeId");

-- CreateIndex
CREATE INDEX "Comment_intakeId_idx" ON "Comment"("intakeId");

-- CreateIndex
CREATE INDEX "Comment_similarGroupId_idx" ON "Comment"("similarGroupId");

-- AddForeignKey
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_intakeId_fkey" FOREIGN KEY ("intakeId") REFERENCES "CommentIntake"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_intakeId_fkey" FOREIGN KEY ("intakeId") REFERENCES "CommentIntake"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_similarGroupId_fkey" FOREIGN KEY ("similarGroupId") REFERENCES "CommentGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommentIntake" ADD CONSTRAINT "CommentIntake_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommentIntake" ADD CONSTRAINT "CommentIntake_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommentIntake" ADD CONSTRAINT "CommentIntake_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "CommunicationActivity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommentIntake" ADD CONSTRAINT "CommentIntake_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommentGroup" ADD CONSTRAINT "CommentGroup_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommentGroup" ADD CONSTRAINT "CommentGroup_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

