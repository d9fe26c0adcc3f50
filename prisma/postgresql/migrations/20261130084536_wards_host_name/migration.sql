-- AlterTable
ALTER TABLE "Ward" ADD COLUMN     "hostName" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Ward_hostName_key" ON "Ward"("hostName");

